"""Every non-2xx answer has the shape {"error": {"type", "message", ...}}; 422 is reserved for the user's code."""

from collections.abc import Mapping
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from app.sandbox.pool import CallerBusy, PoolBusy, PoolClosed

_TYPES_BY_STATUS = {
    400: "bad_request",
    404: "not_found",
    405: "method_not_allowed",
    413: "too_large",
    429: "busy",
    503: "busy",
}


class ApiError(Exception):
    def __init__(self, status: int, type: str, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.type = type
        self.message = message
        self.headers = headers


def error_response(
    status: int, type: str, message: str, headers: Mapping[str, str] | None = None, **extra: Any
) -> JSONResponse:
    return JSONResponse({"error": {"type": type, "message": message, **extra}}, status_code=status, headers=headers)


async def _api_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ApiError)
    return error_response(exc.status, exc.type, exc.message, exc.headers)


async def _validation_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    # The offending input can be the whole script: name where and why, never echo it back.
    details = [
        {"loc": list(e.get("loc", ())), "msg": e.get("msg", ""), "type": e.get("type", "")} for e in exc.errors()
    ]
    summary = "; ".join(f"{'.'.join(str(p) for p in d['loc'])}: {d['msg']}" for d in details)
    return error_response(400, "bad_request", f"invalid request: {summary}", details=details)


async def _http_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, HTTPException)
    return error_response(
        exc.status_code, _TYPES_BY_STATUS.get(exc.status_code, "http_error"), str(exc.detail), exc.headers
    )


def install_error_handlers(app: FastAPI, retry_after_s: int) -> None:
    async def busy(_: Request, exc: Exception) -> JSONResponse:
        # 429 when this caller alone is over its share, 503 when the service as a whole is.
        status = 429 if isinstance(exc, CallerBusy) else 503
        message = str(exc) if isinstance(exc, PoolBusy | CallerBusy) else "the render service is shutting down"
        return error_response(status, "busy", message, {"Retry-After": str(retry_after_s)})

    app.add_exception_handler(ApiError, _api_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(PoolBusy, busy)
    app.add_exception_handler(CallerBusy, busy)
    app.add_exception_handler(PoolClosed, busy)
