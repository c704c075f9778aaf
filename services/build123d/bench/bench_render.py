"""Render benchmark: what the sandboxed service costs over plain build123d, and what it sustains.

Run from services/build123d as `.venv/bin/python bench/bench_render.py [--quick | --smoke]`. It starts its own
service on a free 127.0.0.1 port and stops it. Output is one JSON object per line; the last line is the summary.
It gives up with an error line (and exit status 1) after --deadline seconds rather than hang.

Per model, the p50 over a few runs of
  raw_ms      executing the script and making everything the service returns by default (four formats,
              metrics, four 512 px previews) in this warm Python process, with the service's own code (so the
              difference is the fresh job process, its walls, the pipe and HTTP);
  service_ms  the same request through the running service over HTTP as the backend makes it (multipart/mixed:
              the files and previews as bytes), client-side wall clock: the full render of a kept version;
  exploratory_ms  an exploratory render, as the code model's render and look make it: metrics and the four
              previews, no files (its ratio to service_ms is exploratory_ratio; exploratory_work_ratio is the
              same ratio of the job process's exec + export + preview time, without queue, fork and transfer);
  json_bytes  the JSON a render tool call parses: the full answer with base64 inside (what the tool loop got
              before it asked for less) against the exploratory answer's manifest part (exploratory_json_bytes);
  process_ms  forking the job process and putting up its walls (timings.process_ms); a spare process pays it,
              and a rehearsal render (rehearsal_ms_mean), before its job arrives;
  preview_ms  of that: drawing and encoding the four previews in the job process;
and the bytes of each format, with the GLB's size over the binary STL's.
"""

import argparse
import json
import os
import signal
import statistics
import sys
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from types import FrameType

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.sandbox.isolation import zygote_environment

# This process draws previews as the zygote does: Mesa on the calling thread.
for _name, _value in zygote_environment("").items():
    if _name not in ("PATH", "LANG", "TMPDIR", "HOME"):
        os.environ.setdefault(_name, _value)

import httpx

from bench.models import MODELS, THROUGHPUT_MODEL
from devtools.multipart import ACCEPT, manifest
from devtools.service import ServiceProcess

QUALITY = "normal"
SMOKE_MODELS = ("box", "cylinder")


def emit(record: dict[str, object]) -> None:
    print(json.dumps(record), flush=True)


def p50(samples: list[float]) -> float:
    return round(statistics.median(samples), 1)


def timed_ms(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return (time.perf_counter() - started) * 1000


def first_render_ms(service: ServiceProcess, deadline_s: float = 180) -> float:
    """From the service process's start to its first successful render (requests wait while the zygote warms)."""
    deadline = time.monotonic() + deadline_s
    while time.monotonic() < deadline:
        try:
            if httpx.post(f"{service.url}/render/", json={"code": MODELS["box"]}, timeout=deadline_s).status_code == 200:
                return round((time.perf_counter() - service.started_at) * 1000, 1)
        except httpx.TransportError:
            time.sleep(0.05)
    raise TimeoutError(f"no successful render within {deadline_s}s:\n{service.log()}")


class InProcess:
    """Plain build123d in this process: no sandbox, no limits, no IPC, the service's exporters and renderer."""

    def __init__(self) -> None:
        from app.export import formats, glb, mesh, metrics, preview

        self.formats, self.glb, self.mesh, self.metrics = formats, glb, mesh, metrics
        self.three_mf = formats.ThreeMFWriter()
        self.previews = preview.PreviewRenderer()
        self.views = list(preview.VIEWS)

    def render(self, code: str) -> None:
        namespace: dict[str, object] = {}
        exec(compile(code, "<bench>", "exec"), namespace)
        shape = namespace["root_part"]
        mesh = self.mesh.tessellate(shape, QUALITY)
        self.formats.to_step(shape)
        self.formats.to_stl(mesh)
        self.three_mf.write(mesh)
        self.glb.to_glb(mesh)
        self.metrics.shape_metrics(shape, mesh, "solid")
        self.previews.render(mesh, self.views, 512)


EXPLORATORY = {"formats": [], "previews": {"views": ["iso", "front", "top", "right"]}}


def through_service(http: httpx.Client, code: str, caller: str = "bench", **fields: object) -> dict:
    """A render as the backend asks for it (multipart); the manifest, with the size of its JSON beside it."""
    response = http.post("/render/", json={"code": code, "quality": QUALITY, "caller": caller, **fields}, headers=ACCEPT)
    response.raise_for_status()
    body, json_bytes = manifest(response)
    return {**body, "json_bytes": json_bytes}


def work_ms(result: dict) -> float:
    """What the job process spent on the request: running the script, exporting, drawing previews."""
    return sum(result["timings"][phase] for phase in ("exec_ms", "export_ms", "preview_ms"))


def full_json_bytes(http: httpx.Client, code: str) -> int:
    """The size of the full answer as JSON with base64 inside: what a render tool call parsed before."""
    response = http.post("/render/", json={"code": code, "quality": QUALITY, "caller": "bench"})
    response.raise_for_status()
    return len(response.content)


def throughput(url: str, clients: int, jobs: int) -> float:
    def worker(index: int, count: int) -> None:
        with httpx.Client(base_url=url, timeout=300) as http:
            for _ in range(count):
                through_service(http, MODELS[THROUGHPUT_MODEL], caller=f"client-{index}")

    shares = [jobs // clients + (1 if i < jobs % clients else 0) for i in range(clients)]
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=clients) as pool:
        list(pool.map(worker, range(clients), shares))
    return round(jobs / (time.perf_counter() - started), 2)


def mean_phase_ms(prometheus: str, phase: str) -> float:
    """The mean of one phase of build123d_job_duration_seconds, from the service's /metrics."""
    values = {}
    for line in prometheus.splitlines():
        for kind in ("sum", "count"):
            if line.startswith(f'build123d_job_duration_seconds_{kind}{{phase="{phase}"}}'):
                values[kind] = float(line.rsplit(" ", 1)[1])
    return round(values["sum"] / values["count"] * 1000, 1) if values.get("count") else 0.0


def _give_up(signum: int, _frame: FrameType | None) -> None:
    raise TimeoutError("the benchmark ran past its deadline")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="one run per model and a short throughput test")
    parser.add_argument("--smoke", action="store_true", help="two models, one run, a tiny throughput test")
    parser.add_argument("--runs", type=int, default=3, help="runs per model and path (default 3)")
    parser.add_argument("--slots", type=int, default=None, help="job slots of the service (default: its own)")
    parser.add_argument("--deadline", type=float, default=900, help="seconds before giving up (default 900)")
    args = parser.parse_args()
    signal.signal(signal.SIGALRM, _give_up)
    signal.alarm(int(args.deadline))
    runs = 1 if args.quick or args.smoke else args.runs
    models = {name: MODELS[name] for name in SMOKE_MODELS} if args.smoke else MODELS
    clients = 2 if args.smoke else 4
    jobs = 2 if args.smoke else 8 if args.quick else 24

    env = {"BUILD123D_MAX_OUTPUT_MB": "256"}
    if args.slots:
        env["BUILD123D_WORKERS"] = str(args.slots)
    service = ServiceProcess(env)
    service.start()
    try:
        first_ms = first_render_ms(service)
        service.wait_ready()
        ready = httpx.get(f"{service.url}/readyz").json()
        local = InProcess()
        local.render(MODELS["box"])
        ratios, process_ms, glb_bytes, stl_bytes, previews = [], [], 0, 0, {}
        exploratory_ratios, work_ratios, json_ratios = [], [], []
        with httpx.Client(base_url=service.url, timeout=300) as http:
            for name, code in models.items():
                # Alternately, so that whatever else loads the machine weighs on both alike.
                raw_samples, service_samples, exploratory_samples, results, explored = [], [], [], [], []
                for _ in range(runs):
                    # A local render before each request: it spreads out whatever else loads the machine, and gives
                    # the service the time to fork its next spare job process, for either request alike.
                    raw_samples.append(timed_ms(lambda code=code: local.render(code)))
                    service_samples.append(
                        timed_ms(lambda code=code, results=results: results.append(through_service(http, code)))
                    )
                    raw_samples.append(timed_ms(lambda code=code: local.render(code)))
                    exploratory_samples.append(
                        timed_ms(
                            lambda code=code, explored=explored: explored.append(
                                through_service(http, code, **EXPLORATORY)
                            )
                        )
                    )
                raw, service_ms, exploratory_ms = p50(raw_samples), p50(service_samples), p50(exploratory_samples)
                json_bytes, exploratory_json_bytes = full_json_bytes(http, code), explored[-1]["json_bytes"]
                exploratory_ratios.append(exploratory_ms / service_ms)
                work_ratios.append(p50([work_ms(r) for r in explored]) / p50([work_ms(r) for r in results]))
                json_ratios.append(exploratory_json_bytes / json_bytes)
                timings = [r["timings"] for r in results]
                files = results[-1]["files"]
                sizes = {fmt: entry["bytes"] for fmt, entry in files.items()}
                process_ms += [t["process_ms"] for t in timings]
                previews[name] = p50([t["preview_ms"] for t in timings])
                glb_bytes += sizes["glb"]
                stl_bytes += sizes["stl"]
                ratios.append(service_ms / raw)
                emit(
                    {
                        "model": name,
                        "triangles": results[-1]["metrics"]["triangles"],
                        "faces": results[-1]["metrics"]["face_count"],
                        "raw_ms": raw,
                        "service_ms": service_ms,
                        "ratio": round(service_ms / raw, 2),
                        "exploratory_ms": exploratory_ms,
                        "exploratory_ratio": round(exploratory_ms / service_ms, 2),
                        "exploratory_work_ratio": round(work_ratios[-1], 2),
                        "json_bytes": json_bytes,
                        "exploratory_json_bytes": exploratory_json_bytes,
                        "process_ms": p50([t["process_ms"] for t in timings]),
                        "exec_ms": p50([t["exec_ms"] for t in timings]),
                        "export_ms": p50([t["export_ms"] for t in timings]),
                        "preview_ms": previews[name],
                        "bytes": sizes,
                        "preview_bytes": sum(p["bytes"] for p in results[-1]["previews"].values()),
                        "glb_stl_ratio": round(sizes["glb"] / sizes["stl"], 3),
                    }
                )
        rehearsal_ms = mean_phase_ms(httpx.get(f"{service.url}/metrics").text, "rehearsal")
        one_client = throughput(service.url, 1, max(jobs // 2, 1))
        many_clients = throughput(service.url, clients, jobs)
    except TimeoutError as exc:
        emit({"summary": "bench:render", "error": str(exc)})
        return 1
    finally:
        signal.alarm(0)
        orphans = service.stop()
        service.close()
    emit(
        {
            "summary": "bench:render",
            "models": len(models),
            "runs": runs,
            "job_slots": ready["job_slots"],
            "ratio_p50": round(statistics.median(ratios), 2),
            "ratio_max": round(max(ratios), 2),
            "exploratory_ratio_p50": round(statistics.median(exploratory_ratios), 2),
            "exploratory_ratio_max": round(max(exploratory_ratios), 2),
            "exploratory_work_ratio_p50": round(statistics.median(work_ratios), 2),
            "json_bytes_ratio_p50": round(statistics.median(json_ratios), 4),
            "json_bytes_ratio_max": round(max(json_ratios), 4),
            "process_ms_p50": p50(process_ms),
            "rehearsal_ms_mean": rehearsal_ms,
            "preview_ms": previews,
            "glb_stl_ratio": round(glb_bytes / stl_bytes, 3),
            "throughput_model": THROUGHPUT_MODEL,
            "throughput_1_client_jobs_per_s": one_client,
            f"throughput_{clients}_clients_jobs_per_s": many_clients,
            "first_request_ms": first_ms,
            "zygote_baseline_mib": ready["zygote_baseline_mib"],
            "sandbox": ready["sandbox"],
            "orphan_processes": len(orphans),
        }
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
