"""The zygote: a warm, single-threaded process that imported build123d, rendered the warm-up parts once and
never runs user code. On the service's word it forks a job process, which walls itself in and runs one job.

Run as `python -m app.sandbox.zygote <control fd> <limits as JSON>` with a scrubbed environment. Over its
control socket (SOCK_SEQPACKET) it hears only from the service: `fork` (with the job's socket and stack pipe
as file descriptors) and `signal`; it answers `forked` and, when a job process ends, `exited`. It reads
nothing a job process writes."""

import contextlib
import gc
import json
import os
import select
import shutil
import signal
import socket
import stat
import sys
from pathlib import Path
from typing import Any

from app.sandbox import isolation, job
from app.sandbox.protocol import JobLimits, scratch_dir
from app.sandbox.runner import Runner

_MAX_COMMAND_BYTES = 4096


def _remove_tree(path: Path) -> None:
    """A job may leave directories it made unwritable; as their owner or root the zygote can still open them up."""

    def reopen(function: object, failed: str, _error: object) -> None:
        with contextlib.suppress(OSError):
            os.chmod(os.path.dirname(failed), stat.S_IRWXU)
            if os.path.isdir(failed) and not os.path.islink(failed):
                os.chmod(failed, stat.S_IRWXU)
                shutil.rmtree(failed, ignore_errors=True)
            else:
                os.unlink(failed)

    shutil.rmtree(path, onerror=reopen)


class Zygote:
    def __init__(self, control: socket.socket, scratch: Path, limits: JobLimits, baseline: int, runner: Runner) -> None:
        self._control = control
        self._scratch = scratch
        self._limits = limits
        self._baseline = baseline
        self._runner = runner
        self._children: dict[int, int] = {}  # pidfd -> pid

    def serve(self) -> None:
        try:
            while True:
                sources: list[socket.socket | int] = [self._control, *self._children]
                readable, _, _ = select.select(sources, [], [])
                for source in readable:
                    if isinstance(source, int):
                        self._reap(source)
                    elif not self._command():
                        return
        finally:
            for pid in self._children.values():
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)

    def _command(self) -> bool:
        message, fds, _, _ = socket.recv_fds(self._control, _MAX_COMMAND_BYTES, 2)
        if not message:
            return False
        command = json.loads(message)
        if "fork" in command and len(fds) == 2:
            self._fork(command["fork"], *fds)
        elif "signal" in command:
            pid = command["signal"]
            if pid in self._children.values():
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, int(command["signum"]))
        for fd in fds:
            with contextlib.suppress(OSError):
                os.close(fd)
        return True

    def _fork(self, job_id: int, conn_fd: int, stack_fd: int) -> None:
        zygote = os.getpid()
        pid = os.fork()
        if pid == 0:
            job.run(conn_fd, stack_fd, zygote, self._scratch, self._limits, self._baseline, self._runner)
        self._children[os.pidfd_open(pid)] = pid
        self._send({"forked": job_id, "pid": pid})

    def _reap(self, pidfd: int) -> None:
        pid = self._children.pop(pidfd)
        _, status, usage = os.wait4(pid, 0)
        os.close(pidfd)
        _remove_tree(self._scratch / f"job-{pid}")
        self._send(
            {
                "exited": pid,
                "exitcode": os.waitstatus_to_exitcode(status),
                "cpu_s": usage.ru_utime + usage.ru_stime,
                "maxrss_kb": usage.ru_maxrss,
            }
        )

    def _send(self, message: dict[str, object]) -> None:
        self._control.send(json.dumps(message).encode())


def main() -> None:
    control = socket.socket(fileno=int(sys.argv[1]))
    limits = JobLimits(**json.loads(sys.argv[2]))
    isolation.die_with_parent(os.getppid())
    # Out of the service's process group: Ctrl-C or a group-wide SIGTERM goes to the service, which then
    # stops the zygote itself.
    os.setsid()
    sys.dont_write_bytecode = True

    from OCP.OSD import OSD_ThreadPool

    # One kernel thread: the job slots already spread the work over the cores, and a fork copies only the
    # thread that calls it.
    OSD_ThreadPool.DefaultPool_s(1)
    runner = Runner()
    runner.warm_up()
    scratch = scratch_dir(os.getpid())
    scratch.mkdir(mode=0o700)
    # A job running as another user finds its own directory by name (its parents may be private).
    os.chmod(scratch, 0o711)
    # Objects of the warm-up never change again: keeping them out of the collector's reach spares each job
    # process from touching (and so copying) their memory.
    gc.collect()
    gc.freeze()
    ready: dict[str, Any] = {
        "pid": os.getpid(),
        "scratch": str(scratch),
        "baseline_bytes": isolation.vm_size(),
        "threads": len(os.listdir("/proc/self/task")),
    }
    control.send(json.dumps(ready).encode())
    try:
        Zygote(control, scratch, limits, ready["baseline_bytes"], runner).serve()
    finally:
        _remove_tree(scratch)


if __name__ == "__main__":
    main()
