import base64
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest

from devtools.service import ServiceProcess

# Small and quick: two workers, short limits, a small output cap so "too big" is cheap to provoke.
SERVICE_ENV = {
    "BUILD123D_WORKERS": "2",
    "BUILD123D_QUEUE_SIZE": "8",
    "BUILD123D_JOB_TIMEOUT_S": "5",
    "BUILD123D_JOB_CPU_S": "3",
    "BUILD123D_JOB_MEMORY_MB": "1024",
    "BUILD123D_MAX_OUTPUT_MB": "2",
    "BUILD123D_MAX_CODE_BYTES": "20000",
}

BOX = "from build123d import *\nroot_part = Box(10, 20, 30)\n"

Render = Callable[..., httpx.Response]


@pytest.fixture(scope="session")
def service() -> Iterator[ServiceProcess]:
    with ServiceProcess(SERVICE_ENV) as running:
        yield running


@pytest.fixture(scope="session")
def client(service: ServiceProcess) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=service.url, timeout=60) as http:
        yield http


def post_render(http: httpx.Client, code: str, **fields: Any) -> httpx.Response:
    return http.post("/render/", json={"code": code, **fields})


@pytest.fixture(scope="session")
def render(client: httpx.Client) -> Render:
    return lambda code, **fields: post_render(client, code, **fields)


def decoded(response: httpx.Response, fmt: str) -> bytes:
    return base64.b64decode(response.json()["files"][fmt]["base64"])


def error_of(response: httpx.Response) -> dict[str, Any]:
    assert response.status_code == 422, response.text[:2000]
    return response.json()["error"]


def metric(text: str, name: str) -> float:
    """A sample of Prometheus text output by exact key ('name{label="x"}'), or the sum over all labels of a bare name."""
    total = 0.0
    for line in text.splitlines():
        if line.startswith("#") or " " not in line:
            continue
        key, value = line.rsplit(" ", 1)
        if key == name or key.startswith(name + "{"):
            total += float(value)
    return total
