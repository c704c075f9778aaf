from fastapi import APIRouter
from fastapi.responses import JSONResponse, Response
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from app.api.deps import MetricsDep, PoolDep

router = APIRouter(tags=["health"])


@router.get("/healthz")
async def healthz() -> dict[str, str]:
    return {"status": "ok"}


@router.get("/readyz")
async def readyz(pool: PoolDep) -> JSONResponse:
    info = pool.zygote_info
    body = {
        "status": "ready" if pool.ready else "warming",
        "job_slots": pool.slots,
        "jobs_running": pool.running,
        "zygote_pid": info.get("pid"),
        "zygote_baseline_mib": info.get("baseline_bytes", 0) >> 20,
        "zygote_threads": info.get("threads"),
        "sandbox": pool.sandbox,
    }
    return JSONResponse(body, status_code=200 if pool.ready else 503)


@router.get("/metrics")
async def metrics(registry: MetricsDep) -> Response:
    return Response(generate_latest(registry.registry), media_type=CONTENT_TYPE_LATEST)
