"""A successful render as the client asked for it: JSON with each file and preview inline as base64, or
multipart/mixed, whose first part is the manifest (JSON) and whose other parts are the files and previews as
bytes, so neither side encodes or decodes base64 (docs/decisions/0012-render-bytes-as-multipart.md)."""

import base64
import json
import secrets
from typing import Any

from fastapi import FastAPI
from fastapi.responses import Response
from pydantic.json_schema import models_json_schema

from app.models import RenderManifest
from app.sandbox.pool import Outcome

MULTIPART = "multipart/mixed"
_GROUPS = ("files", "previews")
_REF = "#/components/schemas/{model}"


def _entries(manifest: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """Each file and preview of the manifest, named as its part, in the order the job sent their bytes."""
    return [(f"{group}.{name}", entry) for group in _GROUPS for name, entry in manifest[group].items()]


def _manifest(outcome: Outcome) -> dict[str, Any]:
    assert outcome.manifest is not None
    manifest: dict[str, Any] = json.loads(outcome.manifest)
    manifest["timings"] = {key: round(value, 3) for key, value in outcome.timings.items()}
    return manifest


def json_reply(outcome: Outcome) -> Response:
    manifest = _manifest(outcome)
    for (_, entry), data in zip(_entries(manifest), outcome.parts, strict=True):
        entry["base64"] = base64.b64encode(data).decode()
    return Response(json.dumps(manifest, separators=(",", ":")).encode(), media_type="application/json")


def multipart_reply(outcome: Outcome) -> Response:
    manifest = _manifest(outcome)
    boundary = secrets.token_hex(16)
    chunks = [_part(boundary, "manifest", "application/json", json.dumps(manifest, separators=(",", ":")).encode())]
    for (name, _), data in zip(_entries(manifest), outcome.parts, strict=True):
        media_type = "image/png" if name.startswith("previews.") else "application/octet-stream"
        chunks.append(_part(boundary, name, media_type, data))
    chunks.append(f"--{boundary}--\r\n".encode())
    return Response(b"".join(chunks), media_type=f'{MULTIPART}; boundary="{boundary}"')


def _part(boundary: str, name: str, media_type: str, data: bytes) -> bytes:
    head = f'--{boundary}\r\nContent-Type: {media_type}\r\nContent-Disposition: attachment; name="{name}"\r\n'
    return head.encode() + f"Content-Length: {len(data)}\r\n\r\n".encode() + data + b"\r\n"


def document_multipart(app: FastAPI) -> None:
    """Adds the multipart/mixed answer of POST /render/ to the OpenAPI document, with its manifest's schema."""
    spec = app.openapi()
    _, schemas = models_json_schema([(RenderManifest, "serialization")], ref_template=_REF)
    for name, schema in schemas["$defs"].items():
        spec["components"]["schemas"].setdefault(name, schema)
    ok = spec["paths"]["/render/"]["post"]["responses"]["200"]
    ok["content"][MULTIPART] = {"schema": {"$ref": _REF.format(model="RenderManifest")}}
