"""The benchmark's smoke run: it must start, measure and print its summary (its speed is not judged here)."""

import json
import subprocess
import sys

from devtools.service import SERVICE_DIR


def test_when_the_benchmark_runs_in_smoke_mode_then_its_last_line_is_the_summary():
    done = subprocess.run(
        [sys.executable, "bench/bench_render.py", "--smoke", "--deadline", "240"],
        cwd=SERVICE_DIR,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    records = [json.loads(line) for line in done.stdout.splitlines()]
    *models, summary = records
    assert [m["model"] for m in models] == ["box", "cylinder"]
    for model in models:
        assert set(model["bytes"]) == {"step", "stl", "3mf", "glb"} and model["preview_ms"] > 0
    assert summary["summary"] is True and summary["orphan_processes"] == 0
    for key in ("ratio_p50", "process_ms_p50", "rehearsal_ms_mean", "glb_stl_ratio", "first_request_ms"):
        assert isinstance(summary[key], float | int), key
    assert set(summary["preview_ms"]) == {"box", "cylinder"}
    assert all(summary["sandbox"].values())
