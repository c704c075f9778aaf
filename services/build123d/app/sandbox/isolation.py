"""Operating-system walls around a worker process, each best effort so the service still runs where one is missing
(a container without user namespaces, an old kernel without Landlock): the Python-level policy stays in force."""

import contextlib
import ctypes
import os
import resource
import signal
import socket
import sys
from collections.abc import Iterator
from pathlib import Path

_libc = ctypes.CDLL(None, use_errno=True)

_PR_SET_PDEATHSIG = 1
_PR_SET_DUMPABLE = 4
_PR_SET_NO_NEW_PRIVS = 38
_CLONE_NEWUSER = 0x10000000
_CLONE_NEWNET = 0x40000000

_SYS_LANDLOCK_CREATE_RULESET = 444
_SYS_LANDLOCK_ADD_RULE = 445
_SYS_LANDLOCK_RESTRICT_SELF = 446
_LANDLOCK_CREATE_RULESET_VERSION = 1
_LANDLOCK_RULE_PATH_BENEATH = 1
_FS_EXECUTE, _FS_WRITE_FILE, _FS_READ_FILE, _FS_READ_DIR = 1, 2, 4, 8
_FS_READ = _FS_EXECUTE | _FS_READ_FILE | _FS_READ_DIR
_FS_FILE_RIGHTS = _FS_EXECUTE | _FS_WRITE_FILE | _FS_READ_FILE | (1 << 14) | (1 << 15)
_NET_BIND_TCP, _NET_CONNECT_TCP = 1, 2
_SCOPE_ABSTRACT_UNIX_SOCKET, _SCOPE_SIGNAL = 1, 2

# Variables a worker keeps; everything else (tokens, URLs, credentials of the host) is dropped at spawn.
_PASSED_VARIABLES = ("LD_LIBRARY_PATH", "OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE", "TMPDIR", "TZ")
_WORKER_VARIABLES = {
    "PATH": "/usr/local/bin:/usr/bin:/bin",
    "LANG": "C.UTF-8",
    "PYTHONDONTWRITEBYTECODE": "1",
    # One BLAS/OpenMP thread: the pool already uses every core, and the worker must stay single-threaded
    # until it has entered its namespaces.
    "OPENBLAS_NUM_THREADS": "1",
    "OMP_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
}


def worker_environment() -> dict[str, str]:
    env = {name: os.environ[name] for name in _PASSED_VARIABLES if name in os.environ}
    env.update(_WORKER_VARIABLES)
    return env


@contextlib.contextmanager
def scrubbed_environ() -> Iterator[None]:
    """multiprocessing's spawn hands the child the parent's environment as it is at that moment, with no
    parameter to change it, so the environment is swapped around the start and restored right after."""
    saved, scrubbed = dict(os.environ), worker_environment()
    os.environ.clear()
    os.environ.update(scrubbed)
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved)


def _prctl(option: int, value: int) -> bool:
    return _libc.prctl(option, ctypes.c_ulong(value), 0, 0, 0) == 0


def die_with_parent() -> None:
    _prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() == 1:
        os._exit(1)


def enter_namespaces() -> dict[str, bool]:
    """A fresh user namespace drops every host capability (so rlimits bind even for root) and a fresh network
    namespace has no interface but a downed loopback. Must run before the process starts any thread."""
    if _libc.unshare(_CLONE_NEWUSER | _CLONE_NEWNET) == 0:
        return {"user_namespace": True, "network_namespace": True}
    return {"user_namespace": False, "network_namespace": _libc.unshare(_CLONE_NEWNET) == 0}


class _RulesetAttr(ctypes.Structure):
    _fields_ = [
        ("handled_access_fs", ctypes.c_uint64),
        ("handled_access_net", ctypes.c_uint64),
        ("scoped", ctypes.c_uint64),
    ]


class _PathBeneathAttr(ctypes.Structure):
    _pack_ = 1
    _fields_ = [("allowed_access", ctypes.c_uint64), ("parent_fd", ctypes.c_int32)]


def _landlock_abi() -> int:
    version = _libc.syscall(
        _SYS_LANDLOCK_CREATE_RULESET, None, ctypes.c_size_t(0), ctypes.c_uint32(_LANDLOCK_CREATE_RULESET_VERSION)
    )
    return max(version, 0)


def _fs_rights(abi: int) -> int:
    rights = (1 << 13) - 1
    if abi >= 2:
        rights |= 1 << 13  # REFER
    if abi >= 3:
        rights |= 1 << 14  # TRUNCATE
    if abi >= 5:
        rights |= 1 << 15  # IOCTL_DEV
    return rights


def restrict_filesystem(readable: list[Path], writable: list[Path]) -> int:
    """Landlock: the worker may read only the given trees and write only beneath the writable ones; with ABI 4+
    it may neither bind nor connect TCP, with ABI 6+ neither signal nor reach abstract sockets outside itself.
    Returns the ABI in force, 0 when Landlock is unavailable."""
    abi = _landlock_abi()
    if abi < 1:
        return 0
    handled = _fs_rights(abi)
    attr = _RulesetAttr(
        handled_access_fs=handled,
        handled_access_net=(_NET_BIND_TCP | _NET_CONNECT_TCP) if abi >= 4 else 0,
        scoped=(_SCOPE_ABSTRACT_UNIX_SOCKET | _SCOPE_SIGNAL) if abi >= 6 else 0,
    )
    size = 8 if abi < 4 else 16 if abi < 6 else 24
    ruleset = _libc.syscall(_SYS_LANDLOCK_CREATE_RULESET, ctypes.byref(attr), ctypes.c_size_t(size), ctypes.c_uint32(0))
    if ruleset < 0:
        return 0
    try:
        for paths, rights in ((readable, _FS_READ), (writable, handled)):
            for path in paths:
                _allow(ruleset, path, rights)
        if (
            not _prctl(_PR_SET_NO_NEW_PRIVS, 1)
            or _libc.syscall(_SYS_LANDLOCK_RESTRICT_SELF, ruleset, ctypes.c_uint32(0)) != 0
        ):
            return 0
    finally:
        os.close(ruleset)
    return abi


def _allow(ruleset: int, path: Path, rights: int) -> None:
    try:
        fd = os.open(path, os.O_PATH | os.O_CLOEXEC)
    except OSError:
        return
    try:
        if not path.is_dir():
            rights &= _FS_FILE_RIGHTS
        rule = _PathBeneathAttr(allowed_access=rights, parent_fd=fd)
        _libc.syscall(
            _SYS_LANDLOCK_ADD_RULE,
            ruleset,
            ctypes.c_int(_LANDLOCK_RULE_PATH_BENEATH),
            ctypes.byref(rule),
            ctypes.c_uint32(0),
        )
    finally:
        os.close(fd)


def readable_roots() -> list[Path]:
    """Where the interpreter, the service and the shared libraries it maps live; nothing of /etc, /home or /proc."""
    roots = {Path(p) for p in (sys.prefix, sys.base_prefix, sys.exec_prefix) if p}
    roots |= {Path(p) for p in sys.path if p and Path(p).is_dir()}
    roots |= {
        Path(p)
        for p in (
            "/usr/lib",
            "/usr/lib64",
            "/lib",
            "/lib64",
            "/usr/local/lib",
            "/usr/share/zoneinfo",
            "/dev/null",
            "/dev/urandom",
        )
    }
    return sorted(roots | {r.resolve() for r in roots if r.exists()})


def disable_sockets() -> None:
    """Network namespaces and Landlock may be unavailable in a container; this holds in every case for
    any code that reaches sockets through Python."""

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise PermissionError("network access is disabled in the render sandbox")

    import _socket

    for module in (socket, _socket):
        for name in (
            "socket",
            "socketpair",
            "fromfd",
            "create_connection",
            "create_server",
            "getaddrinfo",
            "gethostbyname",
            "gethostbyname_ex",
            "gethostbyaddr",
        ):
            if hasattr(module, name):
                setattr(module, name, refuse)


def limit_process(address_space: int, file_size: int, open_files: int) -> None:
    """Not dumpable (no ptrace by a sibling, /proc entries owned by root), no core files, no children,
    a cap on memory, on any single file and on descriptors."""
    _prctl(_PR_SET_DUMPABLE, 0)
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    for limit, value in (
        (resource.RLIMIT_CORE, 0),
        (resource.RLIMIT_NPROC, 0),
        (resource.RLIMIT_FSIZE, file_size),
        (resource.RLIMIT_NOFILE, open_files),
        (resource.RLIMIT_AS, address_space),
    ):
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(limit, (value, value))


def limit_cpu(seconds: int | None) -> None:
    """The soft CPU limit for the next job, counted from the CPU time already used; SIGXCPU ends the worker."""
    if seconds is None:
        soft = resource.RLIM_INFINITY
    else:
        usage = resource.getrusage(resource.RUSAGE_SELF)
        soft = int(usage.ru_utime + usage.ru_stime) + 1 + seconds
    resource.setrlimit(resource.RLIMIT_CPU, (soft, resource.RLIM_INFINITY))


def vm_size() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmSize:"):
            return int(line.split()[1]) * 1024
    return 0
