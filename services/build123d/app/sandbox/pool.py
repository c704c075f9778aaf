"""The job processes, seen from the event loop: a fair wait for a job slot, a fresh process per job forked by
the zygote, a wall clock per job, and an account of how each process ended.

The zygote is spawned with a scrubbed environment and replaced if it dies; a job process is gone before its
slot is handed on, so nothing one job does can reach the next."""

import asyncio
import contextlib
import itertools
import json
import logging
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections import deque
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from app.core.config import Settings
from app.core.metrics import Metrics
from app.models import SCRIPT_ERROR_TYPES, VIEWS, PreviewRequest, RenderRequest
from app.sandbox import isolation, protocol
from app.sandbox.crashlog import MAX_CRASH_LOG_BYTES, locate
from app.sandbox.protocol import SCRATCH_PREFIX, JobLimits, scratch_dir
from app.sandbox.scheduler import CallerQueueFull, FairScheduler, QueueFull

log = logging.getLogger("build123d.pool")

SERVICE_ROOT = Path(__file__).resolve().parents[2]
ANONYMOUS = "anonymous"
_HEADER_LIMIT = 1 << 20
_STACK_DUMP_WAIT_S = 0.2
_EXIT_GRACE_S = 5.0
_PROBE = "from build123d import *\nroot_part = Box(1, 1, 1)\n"
_PROBE_CALLER = "\0probe"  # no caller id the backend sends starts with a NUL


class PoolBusy(Exception):
    """No job slot free and the waiting line is full (or waiting took too long)."""


class CallerBusy(Exception):
    """This caller has as many renders waiting as one caller may."""


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


@dataclass
class _Exit:
    exitcode: int | None
    cpu_s: float = 0.0


def _parse_header(raw: bytes) -> dict[str, Any]:
    """A job's reply header, checked field by field: the script that ran in the job process may have written it."""
    header = json.loads(raw)
    if not isinstance(header, dict):
        raise ValueError("malformed reply from a job")
    error = header.get("error")
    valid = (
        isinstance(header.get("ok"), bool)
        and all(isinstance(header.get(key), int | float) for key in ("exec_ms", "export_ms", "preview_ms"))
        and (
            header["ok"]
            or (
                isinstance(error, dict)
                and error.get("type") in SCRIPT_ERROR_TYPES
                and isinstance(error.get("message"), str)
                and isinstance(error.get("line"), int | None)
                and isinstance(error.get("traceback"), str | None)
                and isinstance(error.get("log"), str | None)
            )
        )
    )
    if not valid:
        raise ValueError("malformed reply from a job")
    return header


def _parse_ready(raw: bytes) -> tuple[dict[str, Any], float]:
    """The layers in force and the rehearsal's milliseconds; sent before any user code ran, checked all the same."""
    ready = json.loads(raw)
    layers = ready.get("layers") if isinstance(ready, dict) else None
    rehearsal_ms = ready.get("rehearsal_ms") if isinstance(ready, dict) else None
    if (
        not isinstance(layers, dict)
        or not all(isinstance(v, bool | int) for v in layers.values())
        or not isinstance(rehearsal_ms, int | float)
    ):
        raise ValueError("malformed ready message from a job")
    return layers, float(rehearsal_ms)


def _error(kind: str, message: str) -> dict[str, Any]:
    return {"type": kind, "message": message, "line": None, "traceback": None}


def _death(ended: _Exit, timed_out: bool, settings: Settings, wall_s: float) -> dict[str, Any]:
    """What a job process's end says about the script that was running in it."""
    if timed_out:
        return _error("timeout", f"the script ran longer than {wall_s:g}s")
    if ended.exitcode == -signal.SIGXCPU or (ended.exitcode == -signal.SIGKILL and ended.cpu_s >= settings.JOB_CPU_S):
        return _error("timeout", f"the script used more than its {settings.JOB_CPU_S}s of CPU time")
    if ended.exitcode == -signal.SIGKILL:
        return _error("memory", "the job process was killed by the system, most likely for running out of memory")
    if ended.exitcode is not None and ended.exitcode < 0:
        number = -ended.exitcode
        cause = signal.Signals(number).name if number in signal.valid_signals() else f"signal {number}"
    else:
        cause = f"exit code {ended.exitcode}"
    # OpenCascade does not survive a failed allocation, so running out of memory often ends this way.
    return _error(
        "runtime",
        f"the job process crashed ({cause}) while running the script; in the CAD kernel the usual causes are running "
        f"out of memory (a job may use {settings.JOB_MEMORY_MB} MiB) or degenerate geometry",
    )


class _Zygote:
    """The control socket to one zygote process, and the futures its messages settle."""

    def __init__(self, settings: Settings, limits: JobLimits) -> None:
        self._ids = itertools.count(1)
        self._forks: dict[int, asyncio.Future[int]] = {}
        self._exits: dict[int, asyncio.Future[_Exit]] = {}
        self.ready: asyncio.Future[dict[str, Any]] = asyncio.get_running_loop().create_future()
        self.gone = asyncio.Event()
        self._control, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "app.sandbox.zygote", str(theirs.fileno()), json.dumps(asdict(limits))],
            cwd=SERVICE_ROOT,
            env=isolation.zygote_environment(tempfile.gettempdir()),
            pass_fds=[theirs.fileno()],
            stdin=subprocess.DEVNULL,
        )
        theirs.close()
        self._control.setblocking(False)
        asyncio.get_running_loop().add_reader(self._control, self._on_readable)

    @property
    def pid(self) -> int:
        return self.process.pid

    async def fork(self, conn_fd: int, stack_fd: int) -> int:
        if self.gone.is_set():
            raise ConnectionError("the zygote is gone")
        job_id = next(self._ids)
        forked = self._forks[job_id] = asyncio.get_running_loop().create_future()
        socket.send_fds(self._control, [json.dumps({"fork": job_id}).encode()], [conn_fd, stack_fd])
        return await forked

    def exited(self, pid: int) -> asyncio.Future[_Exit]:
        return self._exits.setdefault(pid, asyncio.get_running_loop().create_future())

    def signal(self, pid: int, signum: int) -> None:
        if not self.gone.is_set():
            with contextlib.suppress(OSError):
                self._control.send(json.dumps({"signal": pid, "signum": int(signum)}).encode())

    def _on_readable(self) -> None:
        while True:
            try:
                message = self._control.recv(65536)
            except BlockingIOError:
                return
            except OSError:
                message = b""
            if not message:
                self._lost()
                return
            self._dispatch(json.loads(message))

    def _dispatch(self, message: dict[str, Any]) -> None:
        if not self.ready.done():
            self.ready.set_result(message)
        elif "forked" in message:
            forked = self._forks.pop(message["forked"], None)
            if forked and not forked.done():
                forked.set_result(message["pid"])
        elif "exited" in message:
            ended = self.exited(message["exited"])
            if not ended.done():
                ended.set_result(_Exit(message["exitcode"], message["cpu_s"]))
            self._exits.pop(message["exited"], None)

    def _lost(self) -> None:
        """The zygote ended: its job processes died with it (parent-death signal), so every wait ends too."""
        if self.gone.is_set():
            return
        self.gone.set()
        asyncio.get_running_loop().remove_reader(self._control)
        self._control.close()
        if not self.ready.done():
            self.ready.set_exception(ConnectionError("the zygote ended during start-up"))
        for forked in self._forks.values():
            if not forked.done():
                forked.set_exception(ConnectionError("the zygote ended"))
        for ended in self._exits.values():
            if not ended.done():
                ended.set_result(_Exit(None))
        self._forks.clear()
        self._exits.clear()

    async def stop(self) -> None:
        """Closing the control socket ends the zygote, which kills its job processes on the way out."""
        self._lost()
        await asyncio.get_running_loop().run_in_executor(None, self._wait)

    def _wait(self) -> None:
        try:
            self.process.wait(5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        # A zygote that was killed could not remove its scratch directory.
        shutil.rmtree(scratch_dir(self.pid), ignore_errors=True)


def _remove_orphaned_scratch() -> None:
    """Scratch directories of zygotes that died with a killed service (nothing was left to clean up)."""
    for path in Path(tempfile.gettempdir()).glob(f"{SCRATCH_PREFIX}*"):
        pid = path.name.removeprefix(SCRATCH_PREFIX).split("-", 1)[0]
        if pid.isdigit() and not Path(f"/proc/{pid}").exists():
            shutil.rmtree(path, ignore_errors=True)


def _read_stack_dump(fd: int) -> bytes:
    chunks, size = [], 0
    with contextlib.suppress(BlockingIOError, OSError):
        while size < MAX_CRASH_LOG_BYTES and (chunk := os.read(fd, MAX_CRASH_LOG_BYTES - size)):
            chunks.append(chunk)
            size += len(chunk)
    return b"".join(chunks)


@dataclass
class _Job:
    """One job process, from its fork to its end."""

    zygote: _Zygote
    reader: asyncio.StreamReader
    writer: asyncio.StreamWriter
    stack_fd: int
    pid: int
    ended: asyncio.Future[_Exit]
    started: float
    ready: bool = False
    process_ms: float = 0.0
    dump: bytes = b""


class JobPool:
    def __init__(self, settings: Settings, metrics: Metrics) -> None:
        self._settings = settings
        self._metrics = metrics
        self._limits = JobLimits(
            memory_bytes=settings.JOB_MEMORY_MB * 2**20,
            output_bytes=settings.max_output_bytes,
            cpu_seconds=settings.JOB_CPU_S,
            disk_bytes=settings.job_disk_bytes,
        )
        # base64 grows files and previews by a third; metrics (at most 2000 faces, 4000 edges) and the log fit
        # in the extra 8 MiB.
        self._reply_limit = settings.max_output_bytes * 4 // 3 + 8 * 2**20
        self._scheduler = FairScheduler(
            settings.WORKERS,
            settings.caller_slots,
            settings.QUEUE_SIZE,
            settings.CALLER_QUEUE,
            self._gauges,
            reserve=settings.idle_slots,
        )
        self._zygote: _Zygote | None = None
        self._spares: deque[_Job] = deque()
        self._spares_coming = 0
        self._warm = asyncio.Event()
        self._tasks: set[asyncio.Task[Any]] = set()
        self._closed = False
        self.sandbox: dict[str, Any] = {}
        self.zygote_info: dict[str, Any] = {}

    @property
    def slots(self) -> int:
        return self._settings.WORKERS

    @property
    def ready(self) -> bool:
        return self._warm.is_set() and not self._closed and bool(self.sandbox)

    @property
    def running(self) -> int:
        return self._scheduler.running

    async def start(self) -> None:
        """Returns at once: the zygote warms up in the background and jobs that arrive meanwhile wait in line."""
        _remove_orphaned_scratch()
        self._background(self._keep_zygote())

    async def stop(self) -> None:
        self._closed = True
        for task in list(self._tasks):
            task.cancel()
        self._drop_spares()
        if self._zygote is not None:
            await self._zygote.stop()

    async def render(self, request: RenderRequest) -> Outcome:
        if self._closed:
            raise PoolClosed()
        caller = request.caller or ANONYMOUS
        started = time.perf_counter()
        # Warm first, then a slot: holding a slot while the zygote warms would keep its probe job waiting.
        await self._warm_zygote(started)
        try:
            await self._scheduler.acquire(caller, max(self._settings.QUEUE_TIMEOUT_S - (time.perf_counter() - started), 0.001))
        except (QueueFull, TimeoutError) as exc:
            self._metrics.jobs.labels("busy").inc()
            raise PoolBusy("the render queue is full" if isinstance(exc, QueueFull) else "no job slot became free in time") from None
        except CallerQueueFull:
            self._metrics.jobs.labels("busy").inc()
            raise CallerBusy(f"too many renders of this caller are waiting (at most {self._settings.CALLER_QUEUE})") from None
        zygote = self._zygote  # the newest: one that ended while this job waited fails the fork as busy
        assert zygote is not None
        queue_ms = (time.perf_counter() - started) * 1000
        # Shielded: a client that hangs up must not leave its job process unaccounted for. _run hands the slot
        # back itself, whatever happens.
        outcome = await asyncio.shield(self._run(zygote, request, caller))
        outcome.timings["queue_ms"] = queue_ms
        outcome.timings["total_ms"] = (time.perf_counter() - started) * 1000
        self._record(outcome)
        return outcome

    def _gauges(self) -> None:
        self._metrics.queue_depth.set(self._scheduler.waiting)
        self._metrics.jobs_running.set(self._scheduler.running)

    def _record(self, outcome: Outcome) -> None:
        self._metrics.jobs.labels(outcome.error["type"] if outcome.error else "ok").inc()
        for phase in ("queue", "process", "exec", "export", "preview", "total"):  # rehearsal: when the job came up
            self._metrics.duration.labels(phase).observe(outcome.timings.get(f"{phase}_ms", 0.0) / 1000)

    async def _warm_zygote(self, started: float) -> None:
        left = self._settings.QUEUE_TIMEOUT_S - (time.perf_counter() - started)
        try:
            await asyncio.wait_for(self._warm.wait(), max(left, 0.001))
        except TimeoutError:
            raise PoolBusy("the render service is still starting") from None

    def _payload(self, request: RenderRequest) -> bytes:
        previews = request.previews
        return json.dumps(
            {
                "code": request.code,
                "formats": request.formats,
                "quality": request.quality,
                "preview_size": previews.size if previews else 512,
                "views": previews.views if previews else list(VIEWS),
            }
        ).encode()

    async def _run(self, zygote: _Zygote, request: RenderRequest, caller: str) -> Outcome:
        """Holds the caller's slot until the job process is gone, then releases it (in the background when the
        reply came first, so the answer does not wait for the process to be torn down)."""
        try:
            job = self._take_spare() or await self._fork(zygote)
        except BaseException as exc:
            self._scheduler.release(caller)
            if isinstance(exc, ConnectionError):
                raise PoolBusy("the render service is restarting its job launcher") from None
            raise
        wall_s = self._settings.wall_clock_s(request.interactive)
        try:
            reply = await self._exchange(job, self._payload(request), wall_s)
        except BaseException:
            zygote.signal(job.pid, signal.SIGKILL)
            self._background(self._finish(job, caller))
            raise
        if reply.header is not None:
            self._background(self._finish(job, caller))
            header = reply.header
            return Outcome(
                None if header["ok"] else header["error"],
                reply.body,
                {"process_ms": job.process_ms, **{k: float(header[k]) for k in ("exec_ms", "export_ms", "preview_ms")}},
            )
        if reply.timed_out:
            zygote.signal(job.pid, signal.SIGUSR1)  # the job writes its stack, then is killed
            await asyncio.sleep(_STACK_DUMP_WAIT_S)
        zygote.signal(job.pid, signal.SIGKILL)
        exit_status = await self._finish(job, caller)
        error = _death(exit_status, reply.timed_out, self._settings, wall_s)
        error["line"], error["traceback"] = locate(job.dump, request.code, f"{error['type']}: {error['message']}")
        wall_ms = (time.perf_counter() - job.started) * 1000
        return Outcome(error, None, {"process_ms": job.process_ms, "exec_ms": wall_ms, "export_ms": 0.0, "preview_ms": 0.0})

    async def _fork(self, zygote: _Zygote) -> _Job:
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        stack_read, stack_write = os.pipe()
        os.set_blocking(stack_read, False)
        started = time.perf_counter()
        try:
            pid = await zygote.fork(theirs.fileno(), stack_write)
            reader, writer = await asyncio.open_unix_connection(sock=ours, limit=1 << 20)
        except BaseException:
            ours.close()
            os.close(stack_read)
            raise
        finally:
            theirs.close()
            os.close(stack_write)
        return _Job(zygote, reader, writer, stack_read, pid, zygote.exited(pid), started)

    def _take_spare(self) -> _Job | None:
        while self._spares:
            job = self._spares.popleft()
            if not job.ended.done():
                return job
            self._background(self._finish(job, None))
        return None

    def _drop_spares(self) -> None:
        while self._spares:
            job = self._spares.popleft()
            job.zygote.signal(job.pid, signal.SIGKILL)
            self._background(self._finish(job, None))

    async def _keep_spares(self, zygote: _Zygote) -> None:
        """Job processes forked and walled in ahead of time, so a render does not wait for either; each still
        runs one job and has never run another's."""
        while len(self._spares) + self._spares_coming < self._settings.SPARE_JOBS and not zygote.gone.is_set():
            self._spares_coming += 1
            try:
                job = await self._fork(zygote)
                await asyncio.wait_for(self._await_ready(job), self._settings.ZYGOTE_START_TIMEOUT_S)
            except Exception as exc:
                log.warning("a spare job process did not come up: %r", exc)
                return
            finally:
                self._spares_coming -= 1
            self._spares.append(job)

    async def _await_ready(self, job: _Job) -> None:
        self.sandbox, rehearsal_ms = _parse_ready(await protocol.read(job.reader, _HEADER_LIMIT))
        job.process_ms = (time.perf_counter() - job.started) * 1000 - rehearsal_ms
        job.ready = True
        self._metrics.duration.labels("rehearsal").observe(rehearsal_ms / 1000)

    async def _exchange(self, job: _Job, payload: bytes, wall_s: float) -> _Reply:
        loop = asyncio.get_running_loop()
        reply = _Reply()
        job.started = time.perf_counter() if job.ready else job.started
        try:
            async with asyncio.timeout_at(loop.time() + wall_s):
                if not job.ready:
                    await self._await_ready(job)
                job.writer.write(protocol.pack(payload))
                await job.writer.drain()
                header = _parse_header(await protocol.read(job.reader, _HEADER_LIMIT))
                body = await protocol.read(job.reader, self._reply_limit) if header["ok"] else None
                reply.header, reply.body = header, body
        except TimeoutError:
            reply.timed_out = True
        except (asyncio.IncompleteReadError, ConnectionError, EOFError):
            pass  # the process died: how is told by its exit status
        except (ValueError, KeyError, TypeError):
            log.warning("job pid=%s sent a malformed reply; stopping it", job.pid)
        finally:
            job.writer.close()
        return reply

    async def _finish(self, job: _Job, caller: str | None) -> _Exit:
        try:
            try:
                status = await asyncio.wait_for(asyncio.shield(job.ended), _EXIT_GRACE_S)
            except TimeoutError:
                job.zygote.signal(job.pid, signal.SIGKILL)
                status = await job.ended
            job.dump = _read_stack_dump(job.stack_fd)
            return status
        finally:
            os.close(job.stack_fd)
            job.writer.close()
            if caller is not None:
                self._scheduler.release(caller)
                # A new spare is forked once a job is gone, not while it runs, so it takes no CPU from it.
                self._background(self._keep_spares(job.zygote))

    async def _keep_zygote(self) -> None:
        """Starts the zygote, proves it with a probe job, and starts another whenever it dies."""
        delay = 1.0
        while not self._closed:
            zygote = _Zygote(self._settings, self._limits)
            try:
                info = await asyncio.wait_for(asyncio.shield(zygote.ready), self._settings.ZYGOTE_START_TIMEOUT_S)
                self._zygote = zygote
                await self._probe(zygote)
            except Exception as exc:
                log.error("the zygote pid=%s failed to start: %r; retrying in %gs", zygote.pid, exc, delay)
                await zygote.stop()
                await asyncio.sleep(delay)
                delay = min(delay * 2, 30.0)
                continue
            delay = 1.0
            self.zygote_info = info
            if info["threads"] != 1:
                log.error("the zygote runs %d threads; forking it is not safe", info["threads"])
            log.info(
                "render zygote pid=%s warm: %s MiB mapped, sandbox layers %s",
                zygote.pid,
                info["baseline_bytes"] >> 20,
                self.sandbox,
            )
            self._metrics.zygote_up.set(1)
            self._warm.set()
            self._background(self._keep_spares(zygote))
            await zygote.gone.wait()
            self._warm.clear()
            self._metrics.zygote_up.set(0)
            self._metrics.restarts.inc()
            log.warning("the zygote pid=%s ended; starting another", zygote.pid)
            self._drop_spares()  # they died with it
            await zygote.stop()

    async def _probe(self, zygote: _Zygote) -> None:
        """One job through the new zygote before it is called warm: it proves the walls go up and says which."""
        await self._scheduler.acquire(_PROBE_CALLER, self._settings.ZYGOTE_START_TIMEOUT_S)
        request = RenderRequest(code=_PROBE, formats=["stl"], previews=PreviewRequest(views=[]))
        outcome = await self._run(zygote, request, _PROBE_CALLER)
        if outcome.error is not None:
            raise RuntimeError(f"the probe job failed: {outcome.error}")

    def _background(self, coroutine: Any) -> None:
        task = asyncio.ensure_future(coroutine)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
