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
    body = {
        "status": "ready" if pool.ready else "warming",
        "workers_alive": pool.alive,
        "workers": pool.size,
        "worker_baseline_mib": pool.baseline_bytes >> 20,
        "sandbox": pool.sandbox,
    }
    return JSONResponse(body, status_code=200 if pool.ready else 503)


@router.get("/metrics")
async def metrics(registry: MetricsDep) -> Response:
    return Response(generate_latest(registry.registry), media_type=CONTENT_TYPE_LATEST)
