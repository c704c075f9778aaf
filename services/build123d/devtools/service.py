"""The one launcher of the render service: `python -m devtools.service --port N` runs uvicorn on app.main:app, and
is what `npm start`, the test suites and the benchmarks start (the Node side through
packages/backend/src/lib/local-render-service.ts). ServiceProcess runs it on a free loopback port for pytest
and bench:render."""

import argparse
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Self

import httpx
import uvicorn

SERVICE_DIR = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def descendants(pid: int) -> set[int]:
    """Every live process below pid, from /proc (workers run in their own session, so not by process group)."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                # The command name may contain spaces and parentheses; the fields after the last ')' do not.
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except (OSError, IndexError):
                continue
            if fields[0] != "Z":
                parents[int(entry.name)] = int(fields[1])
    found: set[int] = set()
    frontier = {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


class ServiceProcess:
    def __init__(self, env: dict[str, str] | None = None) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        # Its own TMPDIR, so what its workers leave behind can be told apart from any other service's.
        self.tmpdir = Path(tempfile.mkdtemp(prefix="build123d-service-"))
        # Passable by the unprivileged job processes, as /tmp is in the container.
        self.tmpdir.chmod(0o711)
        self._env = {**os.environ, **(env or {}), "TMPDIR": str(self.tmpdir)}
        self._log_path = self.tmpdir / "service.log"
        self.process: subprocess.Popen[bytes] | None = None
        self.started_at = 0.0

    def start(self) -> "ServiceProcess":
        self.started_at = time.perf_counter()
        with self._log_path.open("ab") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "devtools.service", "--port", str(self.port), "--log-level", "info"],
                cwd=SERVICE_DIR,
                env=self._env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        return self

    def wait_ready(self, timeout: float = 120.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process is None or self.process.poll() is not None:
                raise RuntimeError(f"the service exited during start-up:\n{self.log()}")
            try:
                if httpx.get(f"{self.url}/readyz", timeout=2).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.1)
        raise TimeoutError(f"the service was not ready within {timeout:g}s:\n{self.log()}")

    def zygote(self) -> int | None:
        assert self.process is not None
        found = [pid for pid in descendants(self.process.pid) if "app.sandbox.zygote" in _cmdline(pid)]
        return min(found, default=None)

    def jobs(self) -> set[int]:
        """The live job processes: the zygote's children."""
        zygote = self.zygote()
        return descendants(zygote) if zygote else set()

    def stop(self, timeout: float = 20.0) -> set[int]:
        """SIGTERM, as a supervisor would; returns the processes it left behind (none, when shutdown is clean)."""
        assert self.process is not None
        below = descendants(self.process.pid)
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        deadline = time.monotonic() + 5
        while (
            left := {pid for pid in below if Path(f"/proc/{pid}").exists() and not _zombie(pid)}
        ) and time.monotonic() < deadline:
            time.sleep(0.1)
        return left

    def log(self) -> str:
        return self._log_path.read_text(errors="replace")[-20000:] if self._log_path.exists() else ""

    def __enter__(self) -> Self:
        self.start().wait_ready()
        return self

    def close(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.stop()
        shutil.rmtree(self.tmpdir, ignore_errors=True)

    def __exit__(self, *_: object) -> None:
        self.close()


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def _zombie(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "Z"
    except (OSError, IndexError):
        return True


def main() -> None:
    parser = argparse.ArgumentParser(description="Runs the render service (uvicorn app.main:app).")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--log-level", default="warning")
    args = parser.parse_args()
    # In this process, so a supervisor's SIGTERM reaches uvicorn, which shuts the job pool down cleanly.
    uvicorn.run("app.main:app", host=args.host, port=args.port, log_level=args.log_level, access_log=False)


if __name__ == "__main__":
    main()
