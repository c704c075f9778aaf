import json

from fastapi import APIRouter
from fastapi.responses import Response

from app.api.deps import PoolDep, SettingsDep
from app.api.errors import ApiError, error_response
from app.models import ErrorResponse, RenderRequest, RenderResponse

router = APIRouter(tags=["render"])


@router.post(
    "/render/",
    response_class=Response,
    responses={
        200: {"model": RenderResponse, "description": "files, geometry metrics and timings"},
        400: {"model": ErrorResponse, "description": "malformed request"},
        413: {"model": ErrorResponse, "description": "script larger than BUILD123D_MAX_CODE_BYTES"},
        422: {
            "model": ErrorResponse,
            "description": "the script failed: syntax, runtime, timeout, memory, forbidden, no_result or export",
        },
        503: {"model": ErrorResponse, "description": "every worker busy and the queue full; see Retry-After"},
    },
)
async def render(request: RenderRequest, pool: PoolDep, settings: SettingsDep) -> Response:
    if len(request.code.encode()) > settings.MAX_CODE_BYTES:
        raise ApiError(413, "too_large", f"the script is larger than {settings.MAX_CODE_BYTES} bytes")
    outcome = await pool.render(request.code, request.formats, request.quality)
    if outcome.error is not None:
        return error_response(
            422,
            outcome.error["type"],
            outcome.error["message"],
            **{k: v for k, v in outcome.error.items() if k not in ("type", "message")},
        )
    assert outcome.body is not None
    # The worker already serialised files and metrics (megabytes of base64): splice the timings in
    # rather than parse and re-encode that on the event loop.
    timings = json.dumps({key: round(value, 3) for key, value in outcome.timings.items()}).encode()
    return Response(outcome.body[:-1] + b',"timings":' + timings + b"}", media_type="application/json")
