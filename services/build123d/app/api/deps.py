from typing import Annotated

from fastapi import Depends, Request

from app.core.config import Settings
from app.core.metrics import Metrics
from app.sandbox.pool import JobPool


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


def get_metrics(request: Request) -> Metrics:
    return request.app.state.metrics


def get_pool(request: Request) -> JobPool:
    return request.app.state.pool


SettingsDep = Annotated[Settings, Depends(get_settings)]
MetricsDep = Annotated[Metrics, Depends(get_metrics)]
PoolDep = Annotated[JobPool, Depends(get_pool)]
