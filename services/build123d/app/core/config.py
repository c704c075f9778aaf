import os

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


def _default_slots() -> int:
    # More job processes than cores: each is CPU-limited, so looping scripts cannot hold every slot while
    # everyone else waits. The CPUs are those this process may run on (a container's cpuset).
    return 2 * len(os.sched_getaffinity(0))


class Settings(BaseSettings):
    """Every knob is an environment variable BUILD123D_<NAME>; the service holds no secrets."""

    model_config = SettingsConfigDict(env_prefix="BUILD123D_", extra="ignore", env_ignore_empty=True)

    WORKERS: int = Field(default_factory=_default_slots, ge=1, le=256)
    CALLER_WORKERS: int | None = Field(default=None, ge=1)
    IDLE_WORKERS: int | None = Field(default=None, ge=0)
    CALLER_QUEUE: int = Field(default=4, ge=0)
    QUEUE_SIZE: int = Field(default=16, ge=0)
    SPARE_JOBS: int = Field(default=2, ge=0, le=16)
    QUEUE_TIMEOUT_S: float = Field(default=120.0, gt=0)
    JOB_TIMEOUT_S: float = Field(default=60.0, gt=0)
    INTERACTIVE_TIMEOUT_S: float = Field(default=20.0, gt=0)
    JOB_CPU_S: int = Field(default=50, ge=1)
    JOB_MEMORY_MB: int = Field(default=2048, ge=128)
    MAX_CODE_BYTES: int = Field(default=200_000, ge=1)
    MAX_OUTPUT_MB: float = Field(default=64.0, gt=0)
    JOB_DISK_MB: int = Field(default=256, ge=1)
    ZYGOTE_START_TIMEOUT_S: float = Field(default=120.0, gt=0)
    RETRY_AFTER_S: int = Field(default=2, ge=1)

    @model_validator(mode="after")
    def _cpu_within_wall_clock(self) -> "Settings":
        if self.JOB_CPU_S > self.JOB_TIMEOUT_S + 1:
            raise ValueError(
                "BUILD123D_JOB_CPU_S cannot exceed BUILD123D_JOB_TIMEOUT_S: the wall clock would always win"
            )
        return self

    @property
    def idle_slots(self) -> int:
        """Job slots kept for callers with nothing running: by default a quarter of them, at least one."""
        wanted = self.IDLE_WORKERS if self.IDLE_WORKERS is not None else max(1, self.WORKERS // 4)
        return min(wanted, self.WORKERS - 1)

    @property
    def caller_slots(self) -> int:
        """Job processes one caller may hold at once: by default half of them; while slots are kept for callers
        with nothing running, never so many that two callers could hold every slot between them."""
        wanted = self.CALLER_WORKERS or max(1, self.WORKERS // 2)
        return max(1, min(wanted, self.WORKERS - self.idle_slots - 1 if self.idle_slots else self.WORKERS))

    def wall_clock_s(self, interactive: bool) -> float:
        """A person waiting on a render (an editor or slider render) gets the shorter wall clock."""
        return min(self.INTERACTIVE_TIMEOUT_S, self.JOB_TIMEOUT_S) if interactive else self.JOB_TIMEOUT_S

    @property
    def max_output_bytes(self) -> int:
        return int(self.MAX_OUTPUT_MB * 2**20)

    @property
    def job_disk_bytes(self) -> int:
        return self.JOB_DISK_MB * 2**20
