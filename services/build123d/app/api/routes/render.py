import json

from fastapi import APIRouter
from fastapi.responses import Response

from app.api.deps import PoolDep, SettingsDep
from app.api.errors import ApiError, error_response
from app.models import ErrorResponse, RenderRequest, RenderResponse

router = APIRouter(tags=["render"])

_BUSY_HEADERS = {"Retry-After": {"description": "seconds to wait before trying again", "schema": {"type": "integer"}}}


@router.post(
    "/render/",
    response_class=Response,
    responses={
        200: {"model": RenderResponse, "description": "files, previews, geometry metrics, warnings, log and timings"},
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
async def render(request: RenderRequest, pool: PoolDep, settings: SettingsDep) -> Response:
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
    assert outcome.body is not None
    # The job process already serialised files, previews and metrics (megabytes of base64): splice the timings
    # in rather than parse and re-encode that on the event loop.
    timings = json.dumps({key: round(value, 3) for key, value in outcome.timings.items()}).encode()
    return Response(outcome.body[:-1] + b',"timings":' + timings + b"}", media_type="application/json")
