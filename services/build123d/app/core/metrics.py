from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram

from app.models import SCRIPT_ERROR_TYPES

OUTCOMES = ("ok", *SCRIPT_ERROR_TYPES, "busy")
PHASES = ("queue", "process", "rehearsal", "exec", "export", "preview", "total")


class Metrics:
    """One registry per application instance, so tests can run several services in one process."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.jobs = Counter("build123d_jobs", "Render jobs by outcome", ["outcome"], registry=self.registry)
        self.duration = Histogram(
            "build123d_job_duration_seconds",
            "Render job duration by phase",
            ["phase"],
            buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120),
            registry=self.registry,
        )
        self.queue_depth = Gauge("build123d_queue_depth", "Jobs waiting for a job slot", registry=self.registry)
        self.jobs_running = Gauge("build123d_jobs_running", "Job processes alive", registry=self.registry)
        self.zygote_up = Gauge("build123d_zygote_up", "1 while a warm zygote forks job processes", registry=self.registry)
        self.restarts = Counter("build123d_zygote_restarts", "Zygotes replaced after they ended", registry=self.registry)
        for outcome in OUTCOMES:
            self.jobs.labels(outcome)
        for phase in PHASES:
            self.duration.labels(phase)
