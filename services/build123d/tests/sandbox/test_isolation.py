"""The operating-system walls, exercised in a fresh process as a worker puts them up (no build123d needed)."""

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import textwrap

import pytest

from devtools.service import SERVICE_DIR

PROBE = textwrap.dedent(
    """
    import json, os, socket, sys, tempfile
    from pathlib import Path
    from app.sandbox import isolation

    port = int(sys.argv[1])
    layers = isolation.enter_namespaces()
    baseline = isolation.vm_size()
    scratch = Path(tempfile.mkdtemp(prefix="build123d-worker-"))
    layers["landlock_abi"] = isolation.restrict_filesystem(isolation.readable_roots(), [scratch])
    isolation.limit_process(address_space=baseline + (256 << 20), file_size=1 << 20, open_files=64)
    isolation.disable_sockets()
    results = {}

    def attempt(name, action):
        try:
            action()
            results[name] = "allowed"
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
    attempt("list /root", lambda: os.listdir("/root"))
    attempt("write outside scratch", lambda: open(f"/tmp/chat3d-isolation-{os.getpid()}", "w").write("x"))
    attempt("write in scratch", lambda: (scratch / "ok").write_text("x"))
    attempt("file over the size cap", lambda: (scratch / "big").write_bytes(b"x" * (2 << 20)))
    attempt("python socket", lambda: socket.socket())
    attempt("raw tcp connect", connect)
    attempt("fork", fork)
    attempt("signal the parent", lambda: os.kill(os.getppid(), 0))
    attempt("allocate past the cap", lambda: bytearray(1 << 30))
    print(json.dumps({"layers": layers, "results": results}))
    """
)


def run_probe(command: list[str], tmpdir: str) -> dict | None:
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        done = subprocess.run(
            [*command, "-c", PROBE, str(listener.getsockname()[1])],
            cwd=SERVICE_DIR,
            env={**os.environ, "TMPDIR": tmpdir},
            capture_output=True,
            text=True,
            timeout=60,
        )
    return json.loads(done.stdout) if done.returncode == 0 else None


@pytest.fixture(scope="module")
def probe(tmp_path_factory):
    result = run_probe([sys.executable], str(tmp_path_factory.mktemp("isolation")))
    assert result is not None
    return result


@pytest.fixture(scope="module")
def unprivileged_probe():
    """The same probe as an ordinary user, as in the container; None where no interpreter can be run that way."""
    if os.geteuid() != 0:
        return run_probe([sys.executable], tempfile.gettempdir())
    shared = tempfile.mkdtemp(prefix="build123d-isolation-")
    os.chmod(shared, 0o1777)
    try:
        # This interpreter may live under /root; a system one is reachable for the unprivileged user.
        for interpreter in dict.fromkeys([sys.executable, shutil.which("python3.11"), shutil.which("python3")]):
            if interpreter and (setpriv := shutil.which("setpriv")):
                command = [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups", interpreter]
                if result := run_probe(command, shared):
                    return result
        return None
    finally:
        shutil.rmtree(shared, ignore_errors=True)


def test_when_walls_are_up_then_the_scratch_dir_is_still_writable(probe):
    assert probe["results"]["write in scratch"] == "allowed"


@pytest.mark.parametrize("attempt", ["file over the size cap", "python socket", "allocate past the cap"])
def test_when_walls_are_up_then_limits_that_need_no_kernel_feature_hold(probe, attempt):
    assert probe["results"][attempt] != "allowed"


def test_when_landlock_is_available_then_files_outside_the_allowed_trees_are_out_of_reach(probe):
    results = probe["results"]
    if probe["layers"]["landlock_abi"]:
        assert (
            results["read /etc/passwd"]
            == results["list /root"]
            == results["write outside scratch"]
            == "PermissionError"
        )
    if probe["layers"]["landlock_abi"] >= 6:
        assert results["signal the parent"] == "PermissionError"


def test_when_a_network_namespace_or_landlock_is_available_then_tcp_to_loopback_fails(probe):
    if probe["layers"]["network_namespace"] or probe["layers"]["landlock_abi"] >= 4:
        assert probe["results"]["raw tcp connect"] != "allowed"


def test_when_the_service_is_not_root_then_a_worker_cannot_fork(unprivileged_probe):
    # The kernel exempts uid 0 from RLIMIT_NPROC (even inside a user namespace), so this is checked as a
    # plain user, which is how the container runs the service.
    if unprivileged_probe is not None:
        assert unprivileged_probe["results"]["fork"] == "BlockingIOError"
        assert unprivileged_probe["results"]["read /etc/passwd"] == "PermissionError"


def test_when_run_on_this_machine_then_every_kernel_layer_is_up(probe, unprivileged_probe):
    """Not a property of the code but of the kind of machine the suite runs on; a failure here means the
    conditional assertions above became vacuous, which should be noticed rather than pass silently."""
    assert probe["layers"] == {
        "user_namespace": True,
        "network_namespace": True,
        "landlock_abi": probe["layers"]["landlock_abi"],
    }
    assert probe["layers"]["landlock_abi"] >= 6
    assert unprivileged_probe is not None
