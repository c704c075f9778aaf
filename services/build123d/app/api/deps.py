from typing import Annotated

from fastapi import Depends, Request

from app.core.config import Settings
from app.core.metrics import Metrics
from app.sandbox.pool import JobPool


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_metrics(request: Request) -> Metrics:
    metrics: Metrics = request.app.state.metrics
    return metrics


def get_pool(request: Request) -> JobPool:
    pool: JobPool = request.app.state.pool
    return pool


SettingsDep = Annotated[Settings, Depends(get_settings)]
MetricsDep = Annotated[Metrics, Depends(get_metrics)]
PoolDep = Annotated[JobPool, Depends(get_pool)]
