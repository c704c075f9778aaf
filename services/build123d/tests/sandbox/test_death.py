import signal

import pytest

from app.core.config import Settings
from app.sandbox.death import JobExit, classify

SETTINGS = Settings(JOB_TIMEOUT_S=30, JOB_CPU_S=20, JOB_MEMORY_MB=1024)


@pytest.mark.parametrize(
    ("ended", "timed_out", "kind", "words"),
    [
        (JobExit(-signal.SIGKILL, 1.0), True, "timeout", "longer than 30s"),
        (JobExit(-signal.SIGXCPU, 20.0), False, "timeout", "20s of CPU"),
        (JobExit(-signal.SIGKILL, 20.5), False, "timeout", "20s of CPU"),
        (JobExit(-signal.SIGKILL, 1.0), False, "memory", "out of memory"),
        (JobExit(-signal.SIGSEGV, 1.0), False, "runtime", "crashed (SIGSEGV)"),
        (JobExit(70, 1.0), False, "runtime", "crashed (exit code 70)"),
        (JobExit(None), False, "runtime", "exit code None"),
    ],
)
def test_when_a_job_process_dies_then_its_end_names_the_scripts_error(ended, timed_out, kind, words):
    error = classify(ended, timed_out, SETTINGS, SETTINGS.JOB_TIMEOUT_S)
    assert error["type"] == kind and words in error["message"]
    assert error["line"] is None and error["traceback"] is None
