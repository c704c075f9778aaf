from fastapi import APIRouter
from fastapi.responses import JSONResponse, Response
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from app.api.deps import MetricsDep, PoolDep
from app.models import HealthResponse, ReadyResponse, SandboxLayers

router = APIRouter(tags=["health"])


@router.get("/healthz", response_model=HealthResponse)
async def healthz() -> HealthResponse:
    return HealthResponse(status="ok")


@router.get(
    "/readyz",
    response_class=JSONResponse,
    responses={
        200: {"model": ReadyResponse, "description": "a warm zygote, proven by a probe job"},
        503: {"model": ReadyResponse, "description": "still warming up, or stopping"},
    },
)
async def readyz(pool: PoolDep) -> JSONResponse:
    info = pool.zygote_info
    body = ReadyResponse(
        status="ready" if pool.ready else "warming",
        job_slots=pool.slots,
        jobs_running=pool.running,
        zygote_pid=info.get("pid"),
        zygote_baseline_mib=info.get("baseline_bytes", 0) >> 20,
        zygote_threads=info.get("threads"),
        sandbox=SandboxLayers.model_validate(pool.sandbox) if pool.sandbox else None,
    )
    return JSONResponse(body.model_dump(), status_code=200 if pool.ready else 503)


@router.get("/metrics")
async def metrics(registry: MetricsDep) -> Response:
    return Response(generate_latest(registry.registry), media_type=CONTENT_TYPE_LATEST)
