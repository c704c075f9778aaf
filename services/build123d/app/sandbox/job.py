"""The life of one job process, forked from the zygote: wall itself in, say it is ready, read its one job,
run it, reply, and exit. Nothing it does outlives it, and the zygote it came from never sees its code."""

import contextlib
import faulthandler
import json
import os
import signal
import socket
import sys
import time
from pathlib import Path
from typing import NoReturn

from app.sandbox import isolation, protocol
from app.sandbox.protocol import JobLimits
from app.sandbox.restricted import JobNotes
from app.sandbox.runner import Job, Runner

MAX_REQUEST_BYTES = 8 << 20
# Worked out once in the zygote: a job process that has given up root may not even look at some of them.
READABLE = isolation.readable_roots()


def run(conn_fd: int, stack_fd: int, zygote: int, scratch: Path, limits: JobLimits, baseline: int, runner: Runner) -> NoReturn:
    status = 0
    try:
        _serve(conn_fd, stack_fd, zygote, scratch, limits, baseline, runner)
    except BaseException as exc:
        status = 70
        with contextlib.suppress(OSError):
            os.write(2, f"build123d job pid={os.getpid()} failed outside the script: {type(exc).__name__}\n".encode())
    finally:
        # No interpreter shutdown: nothing of the zygote's (atexit handlers, buffers) runs in a job.
        os._exit(status)


def _serve(conn_fd: int, stack_fd: int, zygote: int, scratch: Path, limits: JobLimits, baseline: int, runner: Runner) -> None:
    isolation.close_inherited(keep={conn_fd, stack_fd})
    conn = socket.socket(fileno=conn_fd)  # before the walls, which take Python's socket constructors away
    workdir = scratch / f"job-{os.getpid()}"
    workdir.mkdir(mode=0o700)
    layers = isolation.wall_in(workdir, READABLE, limits, baseline, zygote)
    # On a crash, on the CPU limit and on the service's SIGUSR1 (sent before it kills a job that ran over time)
    # the Python stack goes to the service, which takes the script's line numbers from it.
    faulthandler.enable(stack_fd, all_threads=False)
    faulthandler.register(signal.SIGUSR1, stack_fd, all_threads=False)
    faulthandler.register(signal.SIGXCPU, stack_fd, all_threads=False, chain=True)
    rehearsed = time.perf_counter()
    runner.rehearse()
    rehearsal_ms = (time.perf_counter() - rehearsed) * 1000
    notes = JobNotes()
    sys.stdout = sys.stderr = notes.log
    protocol.send(conn, json.dumps({"ready": True, "layers": layers, "rehearsal_ms": rehearsal_ms}).encode())
    request = json.loads(protocol.recv(conn, MAX_REQUEST_BYTES))
    job = Job(
        code=request["code"],
        formats=None if request["formats"] is None else tuple(request["formats"]),
        quality=request["quality"],
        preview_size=request["preview_size"],
        views=tuple(request["views"]),
        output_bytes=limits.output_bytes,
        disk_bytes=limits.disk_bytes,
    )
    try:
        header, body = runner.run(job, notes)
    except BaseException as exc:  # a script's object misbehaving where the service touches it
        error = {"type": "runtime", "message": f"the script left the renderer in a broken state: {type(exc).__name__}"}
        header, body = {"ok": False, "error": {**error, "line": None, "traceback": None, "log": notes.log.text()}}, None
        header.update(exec_ms=0.0, export_ms=0.0, preview_ms=0.0)
    protocol.send(conn, json.dumps(header).encode())
    if body is not None:
        for message in (body.manifest, *body.parts):
            protocol.send(conn, message)
