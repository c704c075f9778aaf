import base64
import os
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest

from app.sandbox.isolation import zygote_environment
from devtools.service import ServiceProcess

# In-process tests of the exporters and the renderer draw as the zygote does: Mesa on the calling thread.
for _name, _value in zygote_environment("").items():
    if _name not in ("PATH", "LANG", "TMPDIR", "HOME"):
        os.environ.setdefault(_name, _value)

# Planted in the service's environment: no job may ever see it.
SECRET = "chat3d-canary-7f3a9c"

# Small and quick: four job slots (more than the two cores), two per caller and two more waiting, short limits, a small output cap
# so "too big" is cheap to provoke. The memory a job may add is small for a reason: a script that exhausts it
# spends CPU time having the kernel zero every page it touches (about a second per GiB on a machine of this
# kind, several under load), and with 1 GiB a memory bomb could meet the 3 s CPU limit first and end as
# "timeout" rather than "memory".
SERVICE_ENV = {
    "BUILD123D_WORKERS": "4",
    "BUILD123D_CALLER_WORKERS": "2",
    "BUILD123D_CALLER_QUEUE": "2",
    "BUILD123D_QUEUE_SIZE": "16",
    # Four slots on two cores: a CPU-bound job may get half a core, so the wall clock is well above the CPU limit.
    "BUILD123D_JOB_TIMEOUT_S": "10",
    "BUILD123D_JOB_CPU_S": "3",
    # An editor's or slider's render: a wall clock below the CPU limit, so the two can be told apart.
    "BUILD123D_INTERACTIVE_TIMEOUT_S": "2",
    "BUILD123D_JOB_MEMORY_MB": "256",
    "BUILD123D_MAX_OUTPUT_MB": "2",
    "BUILD123D_JOB_DISK_MB": "8",
    "BUILD123D_MAX_CODE_BYTES": "20000",
    "CHAT3D_TEST_SECRET": SECRET,
    "BUILD123D_TEST_SECRET": SECRET,
}

# What a job's environment may hold: the zygote's scrubbed set, plus what libraries set for themselves on import.
JOB_ENVIRONMENT = {
    "PATH", "LANG", "HOME", "TMPDIR", "PYTHONDONTWRITEBYTECODE", "OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS",
    "MKL_NUM_THREADS", "LP_NUM_THREADS", "MESA_SHADER_CACHE_DISABLE", "VTK_DEFAULT_OPENGL_WINDOW",
    "VTK_SMP_BACKEND_IN_USE", "OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE", "TZ", "LD_LIBRARY_PATH",
    "FONTCONFIG_FILE", "FONTCONFIG_PATH", "KMP_DUPLICATE_LIB_OK", "KMP_INIT_AT_FORK",
}  # fmt: skip

BOX = "from build123d import *\nroot_part = Box(10, 20, 30)\n"
NO_PREVIEWS = {"views": []}

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
    """Previews are off unless a test asks for them: they are most of a small job's time."""
    return http.post("/render/", json={"code": code, "previews": NO_PREVIEWS, **fields})


@pytest.fixture(scope="session")
def render(client: httpx.Client) -> Render:
    return lambda code, **fields: post_render(client, code, **fields)


def decoded(response: httpx.Response, fmt: str) -> bytes:
    return base64.b64decode(response.json()["files"][fmt]["base64"])


def error_of(response: httpx.Response) -> dict[str, Any]:
    assert response.status_code == 422, response.text[:2000]
    return response.json()["error"]


def ok(response: httpx.Response) -> dict[str, Any]:
    assert response.status_code == 200, response.text[:2000]
    return response.json()


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
