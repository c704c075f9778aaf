from typing import Annotated

from fastapi import APIRouter, Header
from fastapi.responses import Response

from app.api.deps import PoolDep, SettingsDep
from app.api.errors import ApiError, error_response
from app.api.render_reply import MULTIPART, json_reply, multipart_reply
from app.models import ErrorResponse, RenderRequest, RenderResponse

router = APIRouter(tags=["render"])

_BUSY_HEADERS = {"Retry-After": {"description": "seconds to wait before trying again", "schema": {"type": "integer"}}}


@router.post(
    "/render/",
    response_class=Response,
    responses={
        200: {
            "model": RenderResponse,
            "description": "files, previews, geometry metrics, warnings, log and timings: as JSON with base64, or "
            "(Accept: multipart/mixed) a RenderManifest part followed by one part of bytes per file and preview",
        },
        400: {"model": ErrorResponse, "description": "malformed request (type bad_request)"},
        413: {"model": ErrorResponse, "description": "script larger than BUILD123D_MAX_CODE_BYTES (type too_large)"},
        422: {
            "model": ErrorResponse,
            "description": "the script failed: syntax, runtime, timeout, memory, forbidden, no_result or export",
        },
        429: {
            "model": ErrorResponse,
            "description": "this caller already has BUILD123D_CALLER_QUEUE renders waiting (type busy)",
            "headers": _BUSY_HEADERS,
        },
        503: {
            "model": ErrorResponse,
            "description": "every job slot busy and the queue full, or the service starting or stopping (type busy)",
            "headers": _BUSY_HEADERS,
        },
    },
)
async def render(
    request: RenderRequest,
    pool: PoolDep,
    settings: SettingsDep,
    accept: Annotated[str, Header(description="multipart/mixed for the files and previews as bytes")] = "",
) -> Response:
    if len(request.code.encode()) > settings.MAX_CODE_BYTES:
        raise ApiError(413, "too_large", f"the script is larger than {settings.MAX_CODE_BYTES} bytes")
    outcome = await pool.render(request)
    if outcome.error is not None:
        return error_response(
            422,
            outcome.error["type"],
            outcome.error["message"],
            **{k: v for k, v in outcome.error.items() if k not in ("type", "message")},
        )
    return multipart_reply(outcome) if MULTIPART in accept else json_reply(outcome)
