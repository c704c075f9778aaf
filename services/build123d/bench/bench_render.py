"""Render benchmark: what the sandboxed service costs over plain build123d, and what it sustains.

Run from services/build123d as `.venv/bin/python bench/bench_render.py [--quick]`. It starts its own service
on a free 127.0.0.1 port and stops it. Output is one JSON object per line; the last line is the summary.

Per model, the p50 over a few runs of
  raw_ms     executing the script, exporting all four formats and taking the metrics in this warm Python
             process, with the service's own code (so the difference is the sandbox, the pipe and HTTP);
  native_ms  the same with build123d's exporters at the same tessellation tolerance, for reference;
  service_ms the same request through the running service over HTTP (client-side wall clock).
"""

import argparse
import io
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import httpx

from bench.models import MODELS, THROUGHPUT_MODEL
from devtools.service import ServiceProcess

QUALITY = "normal"


def emit(record: dict[str, object]) -> None:
    print(json.dumps(record), flush=True)


def p50_ms(action: Callable[[], object], runs: int) -> float:
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        samples.append((time.perf_counter() - started) * 1000)
    return round(statistics.median(samples), 1)


def first_render_ms(service: ServiceProcess, deadline_s: float = 180) -> float:
    """From the service process's start to its first successful render (requests queue while workers warm)."""
    deadline = time.monotonic() + deadline_s
    while time.monotonic() < deadline:
        try:
            if (
                httpx.post(f"{service.url}/render/", json={"code": MODELS["box"]}, timeout=deadline_s).status_code
                == 200
            ):
                return round((time.perf_counter() - service.started_at) * 1000, 1)
        except httpx.TransportError:
            time.sleep(0.05)
    raise TimeoutError(f"no successful render within {deadline_s}s:\n{service.log()}")


class InProcess:
    """Plain build123d in this process: no sandbox, no limits, no IPC."""

    def __init__(self) -> None:
        from app import exporters

        self.exporters = exporters
        self.three_mf = exporters.ThreeMFWriter()

    def shape(self, code: str) -> object:
        namespace: dict[str, object] = {}
        exec(compile(code, "<bench>", "exec"), namespace)
        return namespace["root_part"]

    def render(self, code: str) -> int:
        shape = self.shape(code)
        mesh = self.exporters.tessellate(shape, QUALITY)
        self.exporters.to_step(shape)
        self.exporters.to_stl(mesh)
        self.three_mf.write(mesh)
        self.exporters.to_glb(mesh)
        self.exporters.shape_metrics(shape, mesh)
        return mesh.triangle_count

    def render_native(self, code: str) -> None:
        import build123d as bd

        shape = self.shape(code)
        relative, angular = self.exporters.TESSELLATION[QUALITY]
        linear = shape.bounding_box().diagonal * relative
        with tempfile.TemporaryDirectory() as scratch:
            bd.export_step(shape, io.BytesIO())
            bd.export_stl(shape, f"{scratch}/part.stl", tolerance=linear, angular_tolerance=angular)
            bd.export_gltf(
                shape, f"{scratch}/part.glb", binary=True, linear_deflection=linear, angular_deflection=angular
            )
            mesher = bd.Mesher()
            mesher.add_shape(shape, linear_deflection=linear, angular_deflection=angular)
            mesher.write(f"{scratch}/part.3mf")


def through_service(http: httpx.Client, code: str) -> dict[str, object]:
    response = http.post("/render/", json={"code": code, "quality": QUALITY})
    response.raise_for_status()
    return response.json()


def throughput(url: str, clients: int, jobs: int) -> float:
    def worker(count: int) -> None:
        with httpx.Client(base_url=url, timeout=300) as http:
            for _ in range(count):
                through_service(http, MODELS[THROUGHPUT_MODEL])

    shares = [jobs // clients + (1 if i < jobs % clients else 0) for i in range(clients)]
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=clients) as pool:
        list(pool.map(worker, shares))
    return round(jobs / (time.perf_counter() - started), 2)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="one run per model and a short throughput test")
    parser.add_argument("--runs", type=int, default=3, help="runs per model and path (default 3)")
    parser.add_argument("--workers", type=int, default=len(os.sched_getaffinity(0)), help="service pool size")
    args = parser.parse_args()
    runs = 1 if args.quick else args.runs
    clients = 2 * args.workers
    jobs = 4 * clients if args.quick else 8 * clients

    service = ServiceProcess({"BUILD123D_WORKERS": str(args.workers), "BUILD123D_MAX_OUTPUT_MB": "256"})
    service.start()
    try:
        first_ms = first_render_ms(service)
        service.wait_ready()
        ready = httpx.get(f"{service.url}/readyz").json()
        local = InProcess()
        local.render(MODELS["box"])
        ratios = []
        with httpx.Client(base_url=service.url, timeout=300) as http:
            for name, code in MODELS.items():
                raw_ms = p50_ms(partial(local.render, code), runs)
                native_ms = p50_ms(partial(local.render_native, code), runs)
                result: dict[str, dict[str, float]] = {}
                service_ms = p50_ms(lambda code=code, result=result: result.update(through_service(http, code)), runs)
                ratios.append(service_ms / raw_ms)
                emit(
                    {
                        "model": name,
                        "triangles": result["metrics"]["triangles"],
                        "raw_ms": raw_ms,
                        "native_ms": native_ms,
                        "service_ms": service_ms,
                        "service_exec_ms": result["timings"]["exec_ms"],
                        "service_export_ms": result["timings"]["export_ms"],
                        "ratio": round(service_ms / raw_ms, 2),
                    }
                )
        one_client = throughput(service.url, 1, jobs // 2)
        many_clients = throughput(service.url, clients, jobs)
    finally:
        orphans = service.stop()
        service.close()
    emit(
        {
            "summary": True,
            "models": len(MODELS),
            "runs": runs,
            "workers": args.workers,
            "ratio_p50": round(statistics.median(ratios), 2),
            "ratio_max": round(max(ratios), 2),
            "throughput_model": THROUGHPUT_MODEL,
            "throughput_1_client_jobs_per_s": one_client,
            f"throughput_{clients}_clients_jobs_per_s": many_clients,
            "first_request_ms": first_ms,
            "worker_baseline_mib": ready["worker_baseline_mib"],
            "sandbox": ready["sandbox"],
            "orphan_processes": len(orphans),
        }
    )


if __name__ == "__main__":
    main()
