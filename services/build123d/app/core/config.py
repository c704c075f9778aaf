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
    CALLER_QUEUE: int = Field(default=4, ge=0)
    QUEUE_SIZE: int = Field(default=16, ge=0)
    SPARE_JOBS: int = Field(default=2, ge=0, le=16)
    QUEUE_TIMEOUT_S: float = Field(default=120.0, gt=0)
    JOB_TIMEOUT_S: float = Field(default=60.0, gt=0)
    JOB_CPU_S: int = Field(default=50, ge=1)
    JOB_MEMORY_MB: int = Field(default=2048, ge=128)
    MAX_CODE_BYTES: int = Field(default=200_000, ge=1)
    MAX_OUTPUT_MB: float = Field(default=64.0, gt=0)
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
    def caller_slots(self) -> int:
        """Job processes one caller may hold at once: by default half of them, so others always find room."""
        return min(self.CALLER_WORKERS or max(1, self.WORKERS // 2), self.WORKERS)

    @property
    def max_output_bytes(self) -> int:
        return int(self.MAX_OUTPUT_MB * 2**20)
