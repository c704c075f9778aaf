"""Entry point of a worker process (spawned, never forked): warm up, wall itself in, then serve jobs over its pipe.

Messages are JSON bytes in both directions: the service never unpickles anything a worker sends, since a
script that escaped the interpreter-level sandbox controls what its worker says."""

import faulthandler
import json
import logging
import os
import signal
import sys
import tempfile
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import BinaryIO

from app.sandbox import isolation
from app.sandbox.crashlog import CRASH_LOG_NAME

log = logging.getLogger(__name__)


# The worker's pid is part of the name, so a later service can tell a dead worker's directory from a live one.
SCRATCH_PREFIX = "build123d-worker-"


@dataclass(frozen=True)
class WorkerConfig:
    memory_bytes: int
    output_bytes: int
    open_files: int = 64


def main(conn: Connection, config: WorkerConfig) -> None:
    isolation.die_with_parent()
    # Out of the service's process group: Ctrl-C or a group-wide SIGTERM goes to the service, which
    # then stops its workers itself.
    os.setsid()
    sys.dont_write_bytecode = True
    layers = isolation.enter_namespaces()

    from OCP.OSD import OSD_ThreadPool

    from app.sandbox.runner import Job, Runner

    # One kernel thread per worker: the pool already spreads jobs over the cores, and threads started
    # after the walls go up would be refused (RLIMIT_NPROC) or would escape Landlock (set per thread).
    OSD_ThreadPool.DefaultPool_s(1)

    scratch = Path(tempfile.mkdtemp(prefix=f"{SCRATCH_PREFIX}{os.getpid()}-"))
    os.environ["HOME"] = os.environ["TMPDIR"] = str(scratch)
    tempfile.tempdir = str(scratch)
    runner = Runner()
    runner.warm_up(scratch)
    baseline = isolation.vm_size()
    layers["landlock_abi"] = isolation.restrict_filesystem(isolation.readable_roots(), [scratch])
    isolation.disable_sockets()
    isolation.limit_process(baseline + config.memory_bytes, config.output_bytes, config.open_files)
    crash_log = _stack_dumps_to(scratch / CRASH_LOG_NAME)
    conn.send_bytes(
        json.dumps({"pid": os.getpid(), "scratch": str(scratch), "baseline_bytes": baseline, "layers": layers}).encode()
    )

    while True:
        try:
            request = json.loads(conn.recv_bytes())
        except EOFError:
            break
        job = Job(
            code=request["code"],
            formats=tuple(request["formats"]),
            quality=request["quality"],
            cpu_seconds=request["cpu_seconds"],
            output_bytes=config.output_bytes,
        )
        crash_log.seek(0)
        crash_log.truncate()
        try:
            header, body = runner.run(job, scratch)
        except BaseException as exc:  # a script's object misbehaving where the service touches it
            log.warning("job failed outside the script: %r", exc)
            error = {
                "type": "runtime",
                "message": "the script left the renderer in a broken state",
                "line": None,
                "traceback": None,
            }
            header, body = {"ok": False, "error": error, "recycle": True, "exec_ms": 0.0, "export_ms": 0.0}, None
        conn.send_bytes(json.dumps(header).encode())
        if body is not None:
            conn.send_bytes(body)
        if header["recycle"]:
            break


def _stack_dumps_to(path: Path) -> BinaryIO:
    """On a crash, on the CPU limit and on the service's SIGUSR1 (sent before it kills a job that ran over
    time) the Python stack goes to this file, so the service can name the line the script was on."""
    log_file = path.open("wb")
    faulthandler.enable(log_file, all_threads=False)
    faulthandler.register(signal.SIGUSR1, log_file, all_threads=False)
    faulthandler.register(signal.SIGXCPU, log_file, all_threads=False, chain=True)
    return log_file
