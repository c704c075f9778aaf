"""The warm worker processes, seen from the event loop: a bounded wait for a free worker, one job at a time per
worker, and replacement of any worker that dies, times out, runs out of memory or has served its quota.

Every blocking step (waiting for a reply, joining a process) runs on a thread, so the loop keeps serving."""

import asyncio
import contextlib
import json
import logging
import multiprocessing
import os
import shutil
import signal
import stat
import tempfile
import time
from collections import deque
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any

from app.core.config import Settings
from app.core.metrics import Metrics
from app.models import SCRIPT_ERROR_TYPES
from app.sandbox import isolation
from app.sandbox.crashlog import CRASH_LOG_NAME, MAX_CRASH_LOG_BYTES, locate
from app.sandbox.worker import SCRATCH_PREFIX, WorkerConfig
from app.sandbox.worker import main as worker_main

log = logging.getLogger("build123d.pool")

_SPAWN = multiprocessing.get_context("spawn")
_HEADER_LIMIT = 1 << 20
_STOP_GRACE_S = 2.0
_STACK_DUMP_WAIT_S = 0.2


class PoolBusy(Exception):
    """No worker free and the waiting line is full (or waiting took too long)."""


class PoolClosed(Exception):
    """The service is shutting down."""


@dataclass
class Outcome:
    error: dict[str, Any] | None
    body: bytes | None
    timings: dict[str, float]


@dataclass
class _Reply:
    header: dict[str, Any] | None = None
    body: bytes | None = None
    timed_out: bool = False
    exitcode: int | None = None
    stack_dump: bytes = b""


class _Worker:
    def __init__(self, process: BaseProcess, conn: Connection) -> None:
        self.process = process
        self.conn = conn
        self.jobs = 0
        self.scratch: Path | None = None

    def wait_ready(self, timeout: float) -> dict[str, Any]:
        if not self.conn.poll(timeout):
            raise TimeoutError(f"no ready message within {timeout:g}s")
        info = json.loads(self.conn.recv_bytes(_HEADER_LIMIT))
        scratch = Path(info["scratch"])
        if scratch.parent == Path(tempfile.gettempdir()) and scratch.name.startswith(
            f"{SCRATCH_PREFIX}{self.process.pid}-"
        ):
            self.scratch = scratch
        return info

    def exchange(self, payload: bytes, timeout: float, reply_limit: int) -> _Reply:
        deadline = time.monotonic() + timeout
        try:
            self.conn.send_bytes(payload)
            if not self.conn.poll(timeout):
                return self._stop_overdue()
            header = _parse_header(self.conn.recv_bytes(_HEADER_LIMIT))
            body = None
            if header["ok"]:
                if not self.conn.poll(max(deadline - time.monotonic(), 0.0)):
                    return self._stop_overdue()
                body = self.conn.recv_bytes(reply_limit)
            return _Reply(header=header, body=body)
        except (EOFError, OSError):
            self.process.join(_STOP_GRACE_S)  # gone or going: learn how it ended
        except ValueError:
            log.warning("worker pid=%s sent a malformed reply; stopping it", self.process.pid)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        return _Reply(exitcode=self.process.exitcode, stack_dump=self._stack_dump())

    def _stop_overdue(self) -> _Reply:
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.process.pid, signal.SIGUSR1)  # the worker writes its stack, then is killed
        time.sleep(_STACK_DUMP_WAIT_S)
        self.process.kill()
        self.process.join()
        return _Reply(timed_out=True, stack_dump=self._stack_dump())

    def _stack_dump(self) -> bytes:
        if self.scratch is None:
            return b""
        try:
            fd = os.open(self.scratch / CRASH_LOG_NAME, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
        except OSError:
            return b""
        with os.fdopen(fd, "rb") as dump:
            return dump.read(MAX_CRASH_LOG_BYTES) if stat.S_ISREG(os.fstat(fd).st_mode) else b""

    def stop(self) -> None:
        if self.process.is_alive():
            self.process.terminate()
            self.process.join(_STOP_GRACE_S)
        if self.process.is_alive():
            self.process.kill()
        self.process.join()
        self.conn.close()
        if self.scratch:
            shutil.rmtree(self.scratch, ignore_errors=True)


def _remove_orphaned_scratch() -> None:
    """Scratch directories of workers that died with a killed service (nothing was left to clean up)."""
    for path in Path(tempfile.gettempdir()).glob(f"{SCRATCH_PREFIX}*-*"):
        pid = path.name.removeprefix(SCRATCH_PREFIX).split("-", 1)[0]
        if pid.isdigit() and not Path(f"/proc/{pid}").exists():
            shutil.rmtree(path, ignore_errors=True)


def _parse_header(raw: bytes) -> dict[str, Any]:
    """A worker's reply header, checked field by field: whatever ran in the worker may have written it."""
    header = json.loads(raw)
    if not isinstance(header, dict):
        raise ValueError("malformed reply from a worker")
    error = header.get("error")
    valid = (
        isinstance(header.get("ok"), bool)
        and isinstance(header.get("recycle"), bool)
        and all(isinstance(header.get(key), int | float) for key in ("exec_ms", "export_ms"))
        and (
            header["ok"]
            or (
                isinstance(error, dict)
                and error.get("type") in SCRIPT_ERROR_TYPES
                and isinstance(error.get("message"), str)
                and isinstance(error.get("line"), int | None)
                and isinstance(error.get("traceback"), str | None)
            )
        )
    )
    if not valid:
        raise ValueError("malformed reply from a worker")
    return header


def _death(exitcode: int | None, cpu_seconds: int, memory_mb: int) -> tuple[dict[str, Any], str]:
    """What a worker's end says about the script that was running in it."""
    if exitcode == -signal.SIGXCPU:
        return _error("timeout", f"the script used more than its {cpu_seconds}s of CPU time"), "timeout"
    if exitcode == -signal.SIGKILL:
        return _error(
            "memory", "the render worker was killed by the system, most likely for running out of memory"
        ), "memory"
    if exitcode is not None and exitcode < 0:
        cause = signal.Signals(-exitcode).name if -exitcode in signal.valid_signals() else f"signal {-exitcode}"
    else:
        cause = f"exit code {exitcode}"
    # OpenCascade does not survive a failed allocation, so running out of memory often ends this way.
    message = f"the render worker crashed ({cause}) while running the script; in the CAD kernel the usual causes are running out of memory (a job may use {memory_mb} MiB) or degenerate geometry"
    return _error("runtime", message), "crash"


def _error(kind: str, message: str) -> dict[str, Any]:
    return {"type": kind, "message": message, "line": None, "traceback": None}


class WorkerPool:
    def __init__(self, settings: Settings, metrics: Metrics) -> None:
        self._settings = settings
        self._metrics = metrics
        self._config = WorkerConfig(memory_bytes=settings.JOB_MEMORY_MB * 2**20, output_bytes=settings.max_output_bytes)
        # base64 grows the files by a third; the metrics and JSON keys fit in the extra MiB.
        self._reply_limit = settings.max_output_bytes * 4 // 3 + 2**20
        # Per worker at most one job exchange, one warm-up wait and one stop at a time.
        self._executor = ThreadPoolExecutor(max_workers=3 * settings.WORKERS + 2, thread_name_prefix="build123d-pool")
        self._idle: deque[_Worker] = deque()
        self._waiters: deque[asyncio.Future[_Worker]] = deque()
        self._warm: set[_Worker] = set()
        self._spawned: set[_Worker] = set()
        self._tasks: set[asyncio.Task[None]] = set()
        self._busy = 0
        self._warmed_once = False
        self._closed = False
        self.sandbox: dict[str, Any] = {}
        self.baseline_bytes = 0

    @property
    def size(self) -> int:
        return self._settings.WORKERS

    @property
    def alive(self) -> int:
        return len(self._warm)

    @property
    def ready(self) -> bool:
        return self._warmed_once and not self._closed and bool(self._warm)

    async def start(self) -> None:
        """Returns at once: workers warm up in the background and jobs that arrive meanwhile wait in line."""
        _remove_orphaned_scratch()
        for _ in range(self.size):
            self._background(self._start_worker())

    async def stop(self) -> None:
        self._closed = True
        for task in list(self._tasks):
            task.cancel()
        while self._waiters:
            waiter = self._waiters.popleft()
            if not waiter.done():
                waiter.set_exception(PoolClosed())
        loop = asyncio.get_running_loop()
        for worker in self._idle:
            loop.remove_reader(worker.process.sentinel)
        await asyncio.gather(*(loop.run_in_executor(self._executor, w.stop) for w in list(self._spawned)))
        self._spawned.clear()
        self._executor.shutdown(wait=False, cancel_futures=True)

    async def render(self, code: str, formats: list[str], quality: str) -> Outcome:
        if self._closed:
            raise PoolClosed()
        started = time.perf_counter()
        try:
            worker = await self._acquire()
        except PoolBusy:
            self._metrics.jobs.labels("busy").inc()
            raise
        queue_ms = (time.perf_counter() - started) * 1000
        payload = json.dumps(
            {"code": code, "formats": formats, "quality": quality, "cpu_seconds": self._settings.JOB_CPU_S}
        )
        # Shielded: a client that hangs up must not leave its worker unaccounted for.
        outcome = await asyncio.shield(asyncio.ensure_future(self._run(worker, code, payload.encode())))
        outcome.timings["queue_ms"] = queue_ms
        outcome.timings["total_ms"] = (time.perf_counter() - started) * 1000
        self._record(outcome)
        return outcome

    def _record(self, outcome: Outcome) -> None:
        self._metrics.jobs.labels(outcome.error["type"] if outcome.error else "ok").inc()
        for phase in ("queue", "exec", "export", "total"):
            self._metrics.duration.labels(phase).observe(outcome.timings[f"{phase}_ms"] / 1000)

    async def _acquire(self) -> _Worker:
        while self._idle:
            worker = self._idle.popleft()
            asyncio.get_running_loop().remove_reader(worker.process.sentinel)
            if worker.process.is_alive():
                return worker
            self._retire(worker, "crash")
        if len(self._waiters) >= self._settings.QUEUE_SIZE:
            raise PoolBusy("the render queue is full")
        waiter: asyncio.Future[_Worker] = asyncio.get_running_loop().create_future()
        self._waiters.append(waiter)
        self._metrics.queue_depth.set(len(self._waiters))
        try:
            await asyncio.wait({waiter}, timeout=self._settings.QUEUE_TIMEOUT_S)
        except asyncio.CancelledError:
            if waiter.done() and not waiter.cancelled() and waiter.exception() is None:
                self._release(waiter.result())
            raise
        finally:
            with contextlib.suppress(ValueError):
                self._waiters.remove(waiter)
            self._metrics.queue_depth.set(len(self._waiters))
            if not waiter.done():
                waiter.cancel()
        if waiter.cancelled():
            raise PoolBusy("no render worker became free in time")
        return waiter.result()

    def _release(self, worker: _Worker) -> None:
        if self._closed:
            return
        while self._waiters:
            waiter = self._waiters.popleft()
            if not waiter.done():
                waiter.set_result(worker)
                self._metrics.queue_depth.set(len(self._waiters))
                return
        self._idle.append(worker)
        asyncio.get_running_loop().add_reader(worker.process.sentinel, self._idle_worker_died, worker)

    def _idle_worker_died(self, worker: _Worker) -> None:
        asyncio.get_running_loop().remove_reader(worker.process.sentinel)
        with contextlib.suppress(ValueError):
            self._idle.remove(worker)
        self._retire(worker, "crash")

    async def _run(self, worker: _Worker, code: str, payload: bytes) -> Outcome:
        self._busy += 1
        self._metrics.workers_busy.set(self._busy)
        started = time.perf_counter()
        try:
            reply = await asyncio.get_running_loop().run_in_executor(
                self._executor, worker.exchange, payload, self._settings.JOB_TIMEOUT_S, self._reply_limit
            )
        finally:
            self._busy -= 1
            self._metrics.workers_busy.set(self._busy)
        worker.jobs += 1
        wall_ms = (time.perf_counter() - started) * 1000
        if reply.header is None:
            if reply.timed_out:
                error, reason = (
                    _error("timeout", f"the script ran longer than {self._settings.JOB_TIMEOUT_S:g}s"),
                    "timeout",
                )
            else:
                error, reason = _death(reply.exitcode, self._settings.JOB_CPU_S, self._settings.JOB_MEMORY_MB)
            error["line"], error["traceback"] = locate(reply.stack_dump, code, f"{error['type']}: {error['message']}")
            self._retire(worker, reason)
            return Outcome(error, None, {"exec_ms": wall_ms, "export_ms": 0.0})
        header = reply.header
        error = None if header["ok"] else header["error"]
        if header["recycle"]:
            self._retire(worker, "memory" if error and error["type"] == "memory" else "tainted")
        elif worker.jobs >= self._settings.MAX_JOBS_PER_WORKER:
            self._retire(worker, "recycle")
        else:
            self._release(worker)
        return Outcome(
            error, reply.body, {"exec_ms": float(header["exec_ms"]), "export_ms": float(header["export_ms"])}
        )

    def _retire(self, worker: _Worker, reason: str) -> None:
        self._warm.discard(worker)
        self._metrics.workers_alive.set(len(self._warm))
        self._metrics.restarts.labels(reason).inc()
        if not self._closed:
            log.info("replacing worker pid=%s after %d jobs: %s", worker.process.pid, worker.jobs, reason)
            self._background(self._replace(worker))

    async def _replace(self, worker: _Worker) -> None:
        await asyncio.get_running_loop().run_in_executor(self._executor, worker.stop)
        self._spawned.discard(worker)
        await self._start_worker()

    async def _start_worker(self) -> None:
        loop = asyncio.get_running_loop()
        delay = 1.0
        while not self._closed:
            worker = self._spawn()
            try:
                info = await loop.run_in_executor(
                    self._executor, worker.wait_ready, self._settings.WORKER_START_TIMEOUT_S
                )
            except Exception as exc:
                log.error("render worker pid=%s failed to start: %r; retrying in %gs", worker.process.pid, exc, delay)
                await loop.run_in_executor(self._executor, worker.stop)
                self._spawned.discard(worker)
                await asyncio.sleep(delay)
                delay = min(delay * 2, 30.0)
                continue
            if not self.sandbox:
                log.info(
                    "render workers warm: %s MiB mapped after warm-up, sandbox layers %s",
                    info["baseline_bytes"] >> 20,
                    info["layers"],
                )
            self.sandbox = info["layers"]
            self.baseline_bytes = info["baseline_bytes"]
            self._warm.add(worker)
            self._metrics.workers_alive.set(len(self._warm))
            self._warmed_once = self._warmed_once or len(self._warm) >= self.size
            self._release(worker)
            return

    def _spawn(self) -> _Worker:
        parent, child = _SPAWN.Pipe()
        process = _SPAWN.Process(target=worker_main, args=(child, self._config), name="build123d-worker", daemon=True)
        with isolation.scrubbed_environ():
            process.start()
        child.close()
        worker = _Worker(process, parent)
        self._spawned.add(worker)
        return worker

    def _background(self, coroutine: Any) -> None:
        task = asyncio.ensure_future(coroutine)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
