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


@pytest.mark.parametrize(
    ("values", "idle", "per_caller"),
    [
        ({"WORKERS": 4, "CALLER_WORKERS": 3}, 1, 2),
        ({"WORKERS": 8}, 2, 4),
        ({"WORKERS": 1}, 0, 1),
        ({"WORKERS": 2}, 1, 1),
        ({"WORKERS": 4, "IDLE_WORKERS": 0, "CALLER_WORKERS": 3}, 0, 3),
    ],
)
def test_when_slots_are_kept_for_idle_callers_then_no_two_callers_can_hold_every_slot(values, idle, per_caller):
    settings = Settings(**values)
    assert (settings.idle_slots, settings.caller_slots) == (idle, per_caller)


def test_when_a_render_is_interactive_then_its_wall_clock_is_the_shorter_one():
    settings = Settings(JOB_TIMEOUT_S=60, INTERACTIVE_TIMEOUT_S=20)
    assert (settings.wall_clock_s(True), settings.wall_clock_s(False)) == (20, 60)
    assert Settings(JOB_TIMEOUT_S=10, JOB_CPU_S=5, INTERACTIVE_TIMEOUT_S=20).wall_clock_s(True) == 10
