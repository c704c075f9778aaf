import os
import signal
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor

import httpx
import pytest

from app.sandbox.pool import _parse_header
from app.sandbox.worker import SCRATCH_PREFIX
from devtools.service import ServiceProcess
from tests.conftest import BOX, SERVICE_ENV, error_of, metric, post_render

LOOP = "while True:\n    pass\n"

# One worker, a line of one, and a CPU limit above the wall clock so a busy loop meets the wall clock.
TINY_ENV = {
    **SERVICE_ENV,
    "BUILD123D_WORKERS": "1",
    "BUILD123D_QUEUE_SIZE": "1",
    "BUILD123D_JOB_TIMEOUT_S": "3",
    "BUILD123D_JOB_CPU_S": "4",
    "BUILD123D_MAX_JOBS_PER_WORKER": "3",
    "BUILD123D_RETRY_AFTER_S": "7",
}


@pytest.fixture(scope="module")
def tiny() -> Iterator[ServiceProcess]:
    service = ServiceProcess(TINY_ENV)
    # Left behind by a service killed with SIGKILL: one of a dead worker, one of a live process.
    (service.tmpdir / f"{SCRATCH_PREFIX}999999999-dead").mkdir()
    (service.tmpdir / f"{SCRATCH_PREFIX}{os.getpid()}-alive").mkdir()
    with service as running:
        yield running


def test_when_the_service_starts_then_scratch_dirs_of_dead_workers_are_removed(tiny):
    assert not (tiny.tmpdir / f"{SCRATCH_PREFIX}999999999-dead").exists()
    assert (tiny.tmpdir / f"{SCRATCH_PREFIX}{os.getpid()}-alive").exists()


@pytest.fixture
def background() -> Iterator[Callable[..., Future[httpx.Response]]]:
    with ThreadPoolExecutor(max_workers=4) as pool:

        def submit(service: ServiceProcess, code: str, **fields: object) -> Future[httpx.Response]:
            def call() -> httpx.Response:
                with httpx.Client(base_url=service.url, timeout=60) as http:
                    return post_render(http, code, **fields)

            return pool.submit(call)

        yield submit


def wait_for_metric(service: ServiceProcess, name: str, value: float, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if metric(httpx.get(f"{service.url}/metrics").text, name) == value:
            return
        time.sleep(0.05)
    raise AssertionError(f"{name} never reached {value}")


def wait_warm(service: ServiceProcess) -> None:
    wait_for_metric(service, "build123d_workers_alive", 1)


def test_when_two_jobs_arrive_together_then_both_succeed(service, background):
    code = "from build123d import *\nroot_part = Sphere(5) - Box(4, 4, 20)\n"
    first, second = background(service, code), background(service, code)
    assert first.result().status_code == second.result().status_code == 200
    assert first.result().json()["metrics"] == second.result().json()["metrics"]


def test_when_a_job_runs_then_the_http_layer_still_answers_at_once(service, background):
    running = background(service, LOOP)
    wait_for_metric(service, "build123d_workers_busy", 1)
    for _ in range(5):
        started = time.perf_counter()
        assert httpx.get(f"{service.url}/healthz").status_code == 200
        assert time.perf_counter() - started < 0.5
    assert error_of(running.result())["type"] == "timeout"


def test_when_the_worker_and_the_line_are_full_then_503_busy_with_retry_after(tiny, background):
    wait_warm(tiny)
    stuck = background(tiny, LOOP)
    wait_for_metric(tiny, "build123d_workers_busy", 1)
    queued = background(tiny, BOX)
    wait_for_metric(tiny, "build123d_queue_depth", 1)

    refused = post_render(httpx.Client(base_url=tiny.url), BOX)
    assert refused.status_code == 503
    assert refused.headers["retry-after"] == "7"
    assert refused.json()["error"]["type"] == "busy"

    error = error_of(stuck.result())
    assert error["type"] == "timeout" and "longer than 3s" in error["message"]
    # The worker's stack, dumped before it was killed, names the line the script was stuck on.
    assert error["line"] in (1, 2) and 'File "<script>", line' in error["traceback"]
    # The queued job waits for the replacement of the timed-out worker, then renders.
    assert queued.result().status_code == 200
    metrics = httpx.get(f"{tiny.url}/metrics").text
    assert metric(metrics, 'build123d_worker_restarts_total{reason="timeout"}') >= 1
    assert metric(metrics, 'build123d_jobs_total{outcome="busy"}') >= 1


def test_when_a_worker_crashes_mid_job_then_the_job_fails_typed_and_the_next_one_succeeds(tiny, background):
    wait_warm(tiny)
    running = background(tiny, LOOP)
    wait_for_metric(tiny, "build123d_workers_busy", 1)
    (victim,) = tiny.workers()
    os.kill(victim, signal.SIGSEGV)

    error = error_of(running.result())
    assert error["type"] == "runtime" and "SIGSEGV" in error["message"]
    assert error["line"] in (1, 2)
    assert post_render(httpx.Client(base_url=tiny.url, timeout=60), BOX).status_code == 200
    assert victim not in tiny.workers()


def test_when_an_idle_worker_dies_then_it_is_replaced(tiny):
    wait_warm(tiny)
    (victim,) = tiny.workers()
    os.kill(victim, signal.SIGKILL)
    wait_for_metric(tiny, "build123d_workers_alive", 0)
    assert post_render(httpx.Client(base_url=tiny.url, timeout=60), BOX).status_code == 200
    assert tiny.workers() and victim not in tiny.workers()


def test_when_a_worker_served_its_quota_then_it_is_replaced(tiny):
    wait_warm(tiny)
    (first,) = tiny.workers()
    with httpx.Client(base_url=tiny.url, timeout=60) as http:
        for _ in range(4):
            assert post_render(http, BOX, formats=["stl"]).status_code == 200
    assert first not in tiny.workers()
    assert metric(httpx.get(f"{tiny.url}/metrics").text, 'build123d_worker_restarts_total{reason="recycle"}') >= 1


def test_when_the_service_gets_sigterm_then_no_process_or_scratch_dir_is_left(tiny):
    wait_warm(tiny)
    scratch = {p for p in tiny.tmpdir.glob(f"{SCRATCH_PREFIX}*") if not p.name.endswith("-alive")}
    assert tiny.workers() and scratch
    assert tiny.stop() == set()
    # uvicorn re-raises the signal once it has shut down cleanly, so the exit status is -SIGTERM.
    assert "Application shutdown complete" in tiny.log()
    assert not any(path.exists() for path in scratch)


@pytest.mark.parametrize(
    "raw",
    [
        b"[]",
        b'{"ok": true}',
        b'{"ok": false, "recycle": false, "exec_ms": 1, "export_ms": 0, "error": {"type": "pwned", "message": "x"}}',
        b'{"ok": "yes", "recycle": false, "exec_ms": 1, "export_ms": 0}',
        b"not json",
    ],
)
def test_when_a_worker_reply_is_malformed_then_it_is_rejected(raw):
    with pytest.raises(ValueError):
        _parse_header(raw)


def test_when_a_worker_reply_is_well_formed_then_it_is_accepted():
    raw = b'{"ok": false, "recycle": false, "exec_ms": 1.5, "export_ms": 0, "error": {"type": "runtime", "message": "x", "line": 3, "traceback": null}}'
    assert _parse_header(raw)["error"]["line"] == 3
