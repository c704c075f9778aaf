"""The service's end of a zygote: it spawns the zygote with a scrubbed environment, asks it over a control socket
to fork job processes and to signal them, and turns its messages (forked, exited, gone) into futures."""

import asyncio
import contextlib
import itertools
import json
import shutil
import socket
import subprocess
import sys
import tempfile
from dataclasses import asdict
from pathlib import Path
from typing import Any

from app.core.config import Settings
from app.sandbox import isolation
from app.sandbox.death import JobExit
from app.sandbox.protocol import SCRATCH_PREFIX, JobLimits, scratch_dir

SERVICE_ROOT = Path(__file__).resolve().parents[2]


class ZygoteClient:
    """The control socket to one zygote process, and the futures its messages settle."""

    def __init__(self, settings: Settings, limits: JobLimits) -> None:
        self._ids = itertools.count(1)
        self._forks: dict[int, asyncio.Future[int]] = {}
        self._exits: dict[int, asyncio.Future[JobExit]] = {}
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
        forked: asyncio.Future[int] = asyncio.get_running_loop().create_future()
        self._forks[job_id] = forked
        socket.send_fds(self._control, [json.dumps({"fork": job_id}).encode()], [conn_fd, stack_fd])
        return await forked

    def exited(self, pid: int) -> asyncio.Future[JobExit]:
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
                ended.set_result(JobExit(message["exitcode"], message["cpu_s"]))
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
                ended.set_result(JobExit(None))
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


def remove_orphaned_scratch() -> None:
    """Scratch directories of zygotes that died with a killed service (nothing was left to clean up)."""
    for path in Path(tempfile.gettempdir()).glob(f"{SCRATCH_PREFIX}*"):
        pid = path.name.removeprefix(SCRATCH_PREFIX).split("-", 1)[0]
        if pid.isdigit() and not Path(f"/proc/{pid}").exists():
            shutil.rmtree(path, ignore_errors=True)
