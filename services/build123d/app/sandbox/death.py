"""What the way a job process ended says about the script that was running in it, as a typed script error."""

import signal
from dataclasses import dataclass
from typing import Any

from app.core.config import Settings


@dataclass
class JobExit:
    """How a job process ended, as its zygote reaped it: the exit code (negative: the signal) and CPU used."""

    exitcode: int | None
    cpu_s: float = 0.0


def script_error(kind: str, message: str) -> dict[str, Any]:
    return {"type": kind, "message": message, "line": None, "traceback": None}


def classify(ended: JobExit, timed_out: bool, settings: Settings, wall_s: float) -> dict[str, Any]:
    """The error of a job process that died (or was killed) before it replied; `wall_s` is the limit it had."""
    if timed_out:
        return script_error("timeout", f"the script ran longer than {wall_s:g}s")
    if ended.exitcode == -signal.SIGXCPU or (ended.exitcode == -signal.SIGKILL and ended.cpu_s >= settings.JOB_CPU_S):
        return script_error("timeout", f"the script used more than its {settings.JOB_CPU_S}s of CPU time")
    if ended.exitcode == -signal.SIGKILL:
        return script_error("memory", "the job process was killed by the system, most likely for running out of memory")
    if ended.exitcode is not None and ended.exitcode < 0:
        number = -ended.exitcode
        cause = signal.Signals(number).name if number in signal.valid_signals() else f"signal {number}"
    else:
        cause = f"exit code {ended.exitcode}"
    # OpenCascade does not survive a failed allocation, so running out of memory often ends this way.
    return script_error(
        "runtime",
        f"the job process crashed ({cause}) while running the script; in the CAD kernel the usual causes are running "
        f"out of memory (a job may use {settings.JOB_MEMORY_MB} MiB) or degenerate geometry",
    )
