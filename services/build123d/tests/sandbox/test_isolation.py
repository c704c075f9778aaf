"""The operating-system walls, put up in a forked process exactly as a job process puts them up (no build123d
needed), then tried from the inside with plain Python, as code that got past every Python-level check would."""

import json
import os
import socket
import subprocess
import sys
import tempfile
import textwrap

import pytest

from devtools.service import SERVICE_DIR
from tests.conftest import JOB_ENVIRONMENT, SECRET

PROBE = textwrap.dedent(
    """
    import json, os, socket, sys, tempfile
    from pathlib import Path
    from app.sandbox import isolation
    from app.sandbox.protocol import JobLimits

    port, service_dir = int(sys.argv[1]), sys.argv[2]
    readable = isolation.readable_roots()
    scratch = Path(tempfile.mkdtemp(prefix="build123d-jobs-"))
    scratch.chmod(0o711)
    workdir = scratch / "job"
    workdir.mkdir()
    read, write = os.pipe()
    if os.fork() == 0:
        os.close(read)
        results = {}
        limits = JobLimits(memory_bytes=256 << 20, output_bytes=1 << 20, cpu_seconds=5, disk_bytes=4 << 20)
        layers = isolation.wall_in(workdir, readable, limits, isolation.vm_size(), os.getppid())

        def attempt(name, action):
            try:
                value = action()
                results[name] = "allowed" if value is None else str(value)[:200]
            except (OSError, MemoryError) as exc:
                results[name] = type(exc).__name__

        def fork():
            if os.fork() == 0:
                os._exit(0)

        def connect():
            import _socket
            raw = _socket.socket(_socket.AF_INET, _socket.SOCK_STREAM)
            raw.settimeout(2)
            raw.connect(("127.0.0.1", port))

        attempt("read /etc/passwd", lambda: open("/etc/passwd").read())
        attempt("read /proc/self/environ", lambda: open("/proc/self/environ", "rb").read())
        attempt("read the service's code", lambda: open(f"{service_dir}/app/main.py").read())
        attempt("list the service's directory", lambda: os.listdir(service_dir))
        attempt("list /root", lambda: os.listdir("/root"))
        attempt("write outside the job dir", lambda: open(f"/tmp/chat3d-isolation-{os.getpid()}", "w").write("x"))
        attempt("write in the job dir", lambda: (Path("ok").write_text("x"), None)[1])
        attempt("read a font", lambda: (open("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "rb").read(4), None)[1])
        attempt("file over the size cap", lambda: Path("big").write_bytes(b"x" * (2 << 20)))
        attempt("files past the disk cap", lambda: [Path(f"part-{i}").write_bytes(b"x" * (900 << 10)) for i in range(8)])
        attempt("disk size", lambda: os.statvfs(".").f_blocks * os.statvfs(".").f_frsize)
        attempt("python socket", lambda: socket.socket())
        attempt("raw tcp connect", connect)
        attempt("fork", fork)
        attempt("exec", lambda: os.execv("/bin/true", ["true"]))
        attempt("signal the zygote", lambda: os.kill(os.getppid(), 0))
        attempt("allocate past the cap", lambda: bytearray(1 << 30))
        attempt("uid", lambda: os.stat(".").st_uid)
        environment = dict(os.environ)
        os.write(write, json.dumps({"layers": layers, "results": results, "environ": environment}).encode())
        os._exit(0)
    os.close(write)
    data = b""
    while chunk := os.read(read, 65536):
        data += chunk
    os.wait()
    print(json.dumps({**json.loads(data), "left on the host": os.listdir(workdir)}))
    """
)


@pytest.fixture(scope="module")
def probe():
    from app.sandbox.isolation import zygote_environment

    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        tmpdir = tempfile.mkdtemp(prefix="build123d-isolation-")
        os.chmod(tmpdir, 0o711)
        # The service's environment holds a secret; the zygote (and so every job) is given a scrubbed one.
        os.environ["CHAT3D_TEST_SECRET"] = SECRET
        try:
            environment = zygote_environment(tmpdir)
        finally:
            del os.environ["CHAT3D_TEST_SECRET"]
        done = subprocess.run(
            [sys.executable, "-c", PROBE, str(listener.getsockname()[1]), str(SERVICE_DIR)],
            check=False,
            cwd=SERVICE_DIR,
            env={**environment, "PYTHONPATH": str(SERVICE_DIR)},
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_when_walls_are_up_then_the_job_dir_is_still_writable_and_fonts_readable(probe):
    assert probe["results"]["write in the job dir"] == "allowed"
    assert probe["results"]["read a font"] == "allowed"


@pytest.mark.parametrize(
    "attempt", ["file over the size cap", "python socket", "allocate past the cap", "fork", "exec", "raw tcp connect"]
)
def test_when_walls_are_up_then_processes_sockets_memory_and_files_are_capped(probe, attempt):
    assert probe["results"][attempt] != "allowed"


def test_when_a_job_writes_many_files_then_its_disk_is_capped_in_total_and_nothing_reaches_the_host(probe):
    assert probe["layers"]["disk_cap"]
    assert probe["results"]["disk size"] == str(4 << 20)
    assert probe["results"]["files past the disk cap"] == "OSError"
    # The job wrote into a tmpfs of its own mount namespace, which went with it: the directory beneath is empty.
    assert probe["left on the host"] == []


@pytest.mark.parametrize(
    "attempt",
    [
        "read /etc/passwd",
        "read /proc/self/environ",
        "read the service's code",
        "list the service's directory",
        "list /root",
        "write outside the job dir",
        "signal the zygote",
    ],
)
def test_when_landlock_is_up_then_nothing_outside_the_allowed_trees_is_reachable(probe, attempt):
    assert probe["results"][attempt] == "PermissionError"


def test_when_the_job_starts_then_its_environment_holds_no_secret(probe):
    assert SECRET not in json.dumps(probe["environ"])
    assert set(probe["environ"]) - {"PYTHONPATH"} <= JOB_ENVIRONMENT


def test_when_run_on_this_machine_then_every_kernel_layer_is_up(probe):
    """Not a property of the code but of the kind of machine the suite runs on; a failure here means a layer
    the assertions above rely on went missing, which should be noticed rather than pass silently."""
    layers = probe["layers"]
    assert layers["user_namespace"] and layers["network_namespace"] and layers["seccomp"] and layers["disk_cap"]
    assert layers["landlock_abi"] >= 6
    assert layers["unprivileged_uid"]
    if os.geteuid() == 0:
        assert probe["results"]["uid"] == "65534"
