import os

import pytest
from pydantic import ValidationError

from app.core.config import Settings


def test_when_nothing_is_set_then_the_defaults_apply(monkeypatch):
    for name in list(os.environ):
        if name.startswith("BUILD123D_"):
            monkeypatch.delenv(name)
    settings = Settings()
    # More job processes than cores, half of them for any one caller.
    assert settings.WORKERS == 2 * len(os.sched_getaffinity(0))
    assert settings.caller_slots == len(os.sched_getaffinity(0))
    assert settings.MAX_CODE_BYTES == 200_000
    assert settings.max_output_bytes == 64 * 2**20


def test_when_variables_are_set_then_they_override_the_defaults(monkeypatch):
    monkeypatch.setenv("BUILD123D_WORKERS", "3")
    monkeypatch.setenv("BUILD123D_MAX_OUTPUT_MB", "0.5")
    monkeypatch.setenv("BUILD123D_PORT", "30222")
    settings = Settings()
    assert settings.WORKERS == 3
    assert settings.max_output_bytes == 2**19


@pytest.mark.parametrize(
    "values",
    [{"WORKERS": 0}, {"CALLER_WORKERS": 0}, {"JOB_MEMORY_MB": 16}, {"JOB_TIMEOUT_S": 5, "JOB_CPU_S": 30}, {"MAX_OUTPUT_MB": 0}],
)
def test_when_a_value_makes_no_sense_then_start_up_fails(values):
    with pytest.raises(ValidationError):
        Settings(**values)
