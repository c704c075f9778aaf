from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram

from app.models import SCRIPT_ERROR_TYPES

OUTCOMES = ("ok", *SCRIPT_ERROR_TYPES, "busy")


class Metrics:
    """One registry per application instance, so tests can run several services in one process."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.jobs = Counter("build123d_jobs", "Render jobs by outcome", ["outcome"], registry=self.registry)
        self.duration = Histogram(
            "build123d_job_duration_seconds",
            "Render job duration by phase",
            ["phase"],
            buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120),
            registry=self.registry,
        )
        self.queue_depth = Gauge("build123d_queue_depth", "Jobs waiting for a worker", registry=self.registry)
        self.workers_alive = Gauge("build123d_workers_alive", "Warm worker processes", registry=self.registry)
        self.workers_busy = Gauge("build123d_workers_busy", "Workers running a job", registry=self.registry)
        self.restarts = Counter(
            "build123d_worker_restarts", "Worker replacements by reason", ["reason"], registry=self.registry
        )
        for outcome in OUTCOMES:
            self.jobs.labels(outcome)
