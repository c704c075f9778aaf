"""Schemathesis checks of our own, loaded through SCHEMATHESIS_HOOKS by test/fuzz/fuzz.test.ts."""

import json

import schemathesis


@schemathesis.check
def error_shape(ctx, response, case):
    """Every 4xx, documented or not, is JSON in the shared shape {error: {code, message, details?}}."""
    if not 400 <= response.status_code < 500:
        return None
    content_type = response.headers.get("content-type", [""])
    content_type = content_type[0] if isinstance(content_type, list) else content_type
    if "application/json" not in content_type:
        raise AssertionError(f"{response.status_code} answered with {content_type!r}, not JSON")
    try:
        body = json.loads(response.content)
    except ValueError as exc:
        raise AssertionError(f"{response.status_code} body is not JSON: {exc}") from exc
    error = body.get("error") if isinstance(body, dict) else None
    if not (
        isinstance(body, dict)
        and set(body) == {"error"}
        and isinstance(error, dict)
        and isinstance(error.get("code"), str)
        and isinstance(error.get("message"), str)
        and set(error) <= {"code", "message", "details"}
    ):
        raise AssertionError(f"{response.status_code} body is not in the error shape: {response.content[:300]!r}")
    return None
