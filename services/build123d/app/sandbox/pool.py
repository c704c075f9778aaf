"""The job processes, seen from the event loop: a fair wait for a job slot, a fresh process per job forked by
the zygote, a wall clock per job, and an account of how each process ended.

The zygote is spawned with a scrubbed environment and replaced if it dies; a job process is gone before its
slot is handed on, so nothing one job does can reach the next."""

import asyncio
import contextlib
import json
import logging
import os
import signal
import socket
import time
from collections import deque
from collections.abc import Coroutine
from dataclasses import dataclass, field
from typing import Any

from app.core.config import Settings
from app.core.metrics import Metrics
from app.models import VIEWS, PreviewRequest, RenderRequest
from app.sandbox import death, protocol, replies
from app.sandbox.crashlog import MAX_CRASH_LOG_BYTES, locate
from app.sandbox.death import JobExit
from app.sandbox.protocol import JobLimits
from app.sandbox.scheduler import CallerQueueFull, FairScheduler, QueueFull
from app.sandbox.zygote_client import ZygoteClient, remove_orphaned_scratch

log = logging.getLogger("build123d.pool")

ANONYMOUS = "anonymous"
_HEADER_LIMIT = 1 << 20
# Metrics (at most 2000 faces, 4000 edges), warnings and the log; the files and previews follow as parts.
_MANIFEST_LIMIT = 8 << 20
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
    """A job's answer: an error, or the manifest (JSON) and the bytes of each file and preview it lists."""

    error: dict[str, Any] | None
    manifest: bytes | None
    parts: list[bytes]
    timings: dict[str, float]


@dataclass
class _Reply:
    header: dict[str, Any] | None = None
    manifest: bytes | None = None
    parts: list[bytes] = field(default_factory=list)
    timed_out: bool = False


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

    zygote: ZygoteClient
    reader: asyncio.StreamReader
    writer: asyncio.StreamWriter
    stack_fd: int
    pid: int
    ended: asyncio.Future[JobExit]
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
        self._scheduler = FairScheduler(
            settings.WORKERS,
            settings.caller_slots,
            settings.QUEUE_SIZE,
            settings.CALLER_QUEUE,
            self._gauges,
            reserve=settings.idle_slots,
        )
        self._zygote: ZygoteClient | None = None
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
        remove_orphaned_scratch()
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

    async def _run(self, zygote: ZygoteClient, request: RenderRequest, caller: str) -> Outcome:
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
                reply.manifest,
                reply.parts,
                {"process_ms": job.process_ms, **{k: float(header[k]) for k in ("exec_ms", "export_ms", "preview_ms")}},
            )
        if reply.timed_out:
            zygote.signal(job.pid, signal.SIGUSR1)  # the job writes its stack, then is killed
            await asyncio.sleep(_STACK_DUMP_WAIT_S)
        zygote.signal(job.pid, signal.SIGKILL)
        exit_status = await self._finish(job, caller)
        error = death.classify(exit_status, reply.timed_out, self._settings, wall_s)
        error["line"], error["traceback"] = locate(job.dump, request.code, f"{error['type']}: {error['message']}")
        wall_ms = (time.perf_counter() - job.started) * 1000
        return Outcome(error, None, [], {"process_ms": job.process_ms, "exec_ms": wall_ms, "export_ms": 0.0, "preview_ms": 0.0})

    async def _fork(self, zygote: ZygoteClient) -> _Job:
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

    async def _keep_spares(self, zygote: ZygoteClient) -> None:
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
        self.sandbox, rehearsal_ms = replies.parse_ready(await protocol.read(job.reader, _HEADER_LIMIT))
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
                header = replies.parse_header(await protocol.read(job.reader, _HEADER_LIMIT))
                if header["ok"]:
                    reply.manifest = await protocol.read(job.reader, _MANIFEST_LIMIT)
                    left = self._settings.max_output_bytes
                    for _ in range(header["parts"]):
                        reply.parts.append(await protocol.read(job.reader, left))
                        left -= len(reply.parts[-1])
                reply.header = header
        except TimeoutError:
            reply.timed_out = True
        except (asyncio.IncompleteReadError, ConnectionError, EOFError):
            pass  # the process died: how is told by its exit status
        except (ValueError, KeyError, TypeError):
            log.warning("job pid=%s sent a malformed reply; stopping it", job.pid)
        finally:
            job.writer.close()
        return reply

    async def _finish(self, job: _Job, caller: str | None) -> JobExit:
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
            zygote = ZygoteClient(self._settings, self._limits)
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

    async def _probe(self, zygote: ZygoteClient) -> None:
        """One job through the new zygote before it is called warm: it proves the walls go up and says which."""
        await self._scheduler.acquire(_PROBE_CALLER, self._settings.ZYGOTE_START_TIMEOUT_S)
        request = RenderRequest(code=_PROBE, formats=["stl"], previews=PreviewRequest(views=[]))
        outcome = await self._run(zygote, request, _PROBE_CALLER)
        if outcome.error is not None:
            raise RuntimeError(f"the probe job failed: {outcome.error}")

    def _background(self, coroutine: Coroutine[Any, Any, Any]) -> None:
        task = asyncio.ensure_future(coroutine)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
