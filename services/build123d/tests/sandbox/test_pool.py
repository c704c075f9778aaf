import os
import signal
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from app.sandbox.protocol import SCRATCH_PREFIX
from devtools.service import ServiceProcess
from tests.conftest import BOX, SERVICE_ENV, error_of, metric, post_render

LOOP = "while True:\n    pass\n"

# One job slot, a line of one, a CPU limit above the wall clock so a busy loop meets the wall clock, and no
# spare job processes, so the zygote's only child is the running job.
TINY_ENV = {
    **SERVICE_ENV,
    "BUILD123D_SPARE_JOBS": "0",
    "BUILD123D_WORKERS": "1",
    "BUILD123D_QUEUE_SIZE": "1",
    "BUILD123D_JOB_TIMEOUT_S": "3",
    "BUILD123D_JOB_CPU_S": "4",
    "BUILD123D_RETRY_AFTER_S": "7",
}


@pytest.fixture(scope="module")
def tiny() -> Iterator[ServiceProcess]:
    service = ServiceProcess(TINY_ENV)
    # Left behind by a service killed with SIGKILL: one of a dead zygote, one of a live process.
    (service.tmpdir / f"{SCRATCH_PREFIX}999999999-dead").mkdir()
    (service.tmpdir / f"{SCRATCH_PREFIX}{os.getpid()}-alive").mkdir()
    with service as running:
        yield running


@pytest.fixture
def background() -> Iterator[Callable[..., Future[httpx.Response]]]:
    with ThreadPoolExecutor(max_workers=8) as pool:

        def submit(service: ServiceProcess, code: str, **fields: object) -> Future[httpx.Response]:
            def call() -> httpx.Response:
                with httpx.Client(base_url=service.url, timeout=60) as http:
                    return post_render(http, code, **fields)

            return pool.submit(call)

        yield submit


def wait_for(condition: Callable[[], bool], what: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.02)
    raise AssertionError(f"{what} never happened")


def metric_of(service: ServiceProcess, name: str) -> float:
    return metric(httpx.get(f"{service.url}/metrics").text, name)


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def wait_warm(service: ServiceProcess) -> None:
    wait_for(lambda: httpx.get(f"{service.url}/readyz").status_code == 200, "readiness", 120)


def test_when_the_service_starts_then_scratch_dirs_of_dead_zygotes_are_removed(tiny):
    assert not (tiny.tmpdir / f"{SCRATCH_PREFIX}999999999-dead").exists()
    assert (tiny.tmpdir / f"{SCRATCH_PREFIX}{os.getpid()}-alive").exists()


def test_when_two_jobs_arrive_together_then_both_succeed(service, background):
    code = "from build123d import *\nroot_part = Sphere(5) - Box(4, 4, 20)\n"
    first, second = background(service, code), background(service, code)
    assert first.result().status_code == second.result().status_code == 200
    assert first.result().json()["metrics"] == second.result().json()["metrics"]


def running(service: ServiceProcess) -> float:
    return metric_of(service, "build123d_jobs_running")


def test_when_a_job_runs_then_the_http_layer_still_answers_at_once(service, background):
    busy = background(service, "n = 0\nwhile n < 3 * 10**6:\n    n += 1\n", caller="http-layer")
    wait_for(lambda: running(service) >= 1, "a job running")
    for _ in range(5):
        started = time.perf_counter()
        assert httpx.get(f"{service.url}/healthz").status_code == 200
        assert time.perf_counter() - started < 0.5
    assert error_of(busy.result())["type"] == "no_result"


def test_when_a_job_ends_then_its_process_is_gone(tiny, background):
    wait_warm(tiny)
    looping = background(tiny, LOOP)
    wait_for(lambda: tiny.jobs(), "a job process")
    pids = tiny.jobs()
    assert error_of(looping.result())["type"] == "timeout"
    wait_for(lambda: not any(Path(f"/proc/{pid}").exists() for pid in pids), "the job process ending", 10)


def test_when_two_callers_each_hold_two_long_jobs_then_a_third_callers_render_finishes_while_they_still_run(
    service, background
):
    # The probe's scenario: two accounts, two endless loops each, through the chat render API.
    loops = [background(service, LOOP, caller=user) for user in ("hog-1", "hog-1", "hog-2", "hog-2")]
    # Three run; the fourth would take the last slot, which is kept for a caller with nothing running.
    wait_for(
        lambda: running(service) == 3 and metric_of(service, "build123d_queue_depth") == 1,
        "three loops running and one held back",
    )
    with httpx.Client(base_url=service.url, timeout=30) as http:
        third = post_render(http, BOX, caller="third", formats=["stl"], interactive=True)
    assert third.status_code == 200, third.text[:2000]
    assert not any(loop.done() for loop in loops)
    assert [error_of(loop.result())["type"] for loop in loops] == ["timeout"] * 4


def test_when_a_render_is_interactive_then_the_shorter_wall_clock_ends_it(service, background):
    interactive, batch = (background(service, LOOP, caller=f"wall-{kind}", interactive=kind) for kind in (True, False))
    error = error_of(interactive.result())
    assert error["type"] == "timeout" and "longer than 2s" in error["message"]
    # A batch render (the AI's, say) keeps the longer wall clock: its CPU limit or 10 s end it.
    error = error_of(batch.result())
    assert error["type"] == "timeout" and "longer than 2s" not in error["message"]


def test_when_one_caller_sends_a_burst_then_it_waits_its_turn_while_others_are_served(service, background):
    burst = [background(service, LOOP, caller="burst") for _ in range(2)]
    wait_for(lambda: running(service) == 2, "the burst's first two running")
    last = background(service, BOX, caller="burst")
    # Two of the burst run (the caller's share), the third waits: another caller is served at once.
    wait_for(lambda: metric_of(service, "build123d_queue_depth") == 1, "the burst's third waiting")
    assert running(service) == 2
    assert post_render(httpx.Client(base_url=service.url, timeout=30), BOX, caller="other").status_code == 200
    assert not last.done()
    assert [error_of(job.result())["type"] for job in burst] == ["timeout"] * 2
    assert last.result().status_code == 200


def test_when_a_caller_has_too_many_waiting_then_429_busy_with_retry_after(service, background):
    loops = [background(service, LOOP, caller="greedy") for _ in range(2)]
    wait_for(lambda: running(service) == 2, "the caller's two jobs running")
    waiting = [background(service, BOX, caller="greedy") for _ in range(2)]
    wait_for(lambda: metric_of(service, "build123d_queue_depth") == 2, "the caller's two more waiting")
    refused = post_render(httpx.Client(base_url=service.url), BOX, caller="greedy")
    assert refused.status_code == 429
    assert refused.headers["retry-after"] == "2"
    assert refused.json()["error"]["type"] == "busy"
    assert post_render(httpx.Client(base_url=service.url, timeout=30), BOX, caller="modest").status_code == 200
    assert [error_of(loop.result())["type"] for loop in loops] == ["timeout"] * 2
    assert [job.result().status_code for job in waiting] == [200, 200]


def test_when_every_slot_and_the_line_are_full_then_503_busy_with_retry_after(tiny, background):
    wait_warm(tiny)
    stuck = background(tiny, LOOP)
    wait_for(lambda: running(tiny) == 1, "the job running")
    queued = background(tiny, BOX, caller="queued")
    wait_for(lambda: metric_of(tiny, "build123d_queue_depth") == 1, "the line filling")

    refused = post_render(httpx.Client(base_url=tiny.url), BOX, caller="late")
    assert refused.status_code == 503
    assert refused.headers["retry-after"] == "7"
    assert refused.json()["error"]["type"] == "busy"

    error = error_of(stuck.result())
    assert error["type"] == "timeout" and "longer than 3s" in error["message"]
    # The job's stack, dumped before it was killed, names the line the script was stuck on.
    assert error["line"] in (1, 2) and 'File "<script>", line' in error["traceback"]
    assert queued.result().status_code == 200
    assert metric_of(tiny, 'build123d_jobs_total{outcome="busy"}') >= 1


def test_when_a_job_process_crashes_then_the_job_fails_typed_and_the_next_one_succeeds(tiny, background):
    wait_warm(tiny)
    looping = background(tiny, LOOP)
    wait_for(lambda: tiny.jobs(), "the job process")
    (victim,) = tiny.jobs()
    # Past its walls and rehearsal, into the script's loop.
    wait_for(lambda: cpu_seconds(victim) > 0.5, "the job looping")
    os.kill(victim, signal.SIGSEGV)
    error = error_of(looping.result())
    assert error["type"] == "runtime" and "SIGSEGV" in error["message"]
    assert error["line"] in (1, 2)
    assert post_render(httpx.Client(base_url=tiny.url, timeout=60), BOX).status_code == 200


def test_when_the_zygote_dies_then_it_is_replaced_and_renders_go_on(tiny):
    wait_warm(tiny)
    victim = tiny.zygote()
    os.kill(victim, signal.SIGKILL)
    wait_for(lambda: tiny.zygote() not in (None, victim), "a new zygote", 60)
    assert post_render(httpx.Client(base_url=tiny.url, timeout=120), BOX).status_code == 200
    assert metric_of(tiny, "build123d_zygote_restarts_total") >= 1


def test_when_the_service_gets_sigterm_then_no_process_or_scratch_dir_is_left(tiny):
    wait_warm(tiny)
    scratch = {p for p in tiny.tmpdir.glob(f"{SCRATCH_PREFIX}*") if not p.name.endswith("-alive")}
    assert tiny.zygote() and scratch
    assert tiny.stop() == set()
    # uvicorn re-raises the signal once it has shut down cleanly, so the exit status is -SIGTERM.
    assert "Application shutdown complete" in tiny.log()
    assert not any(path.exists() for path in scratch)
