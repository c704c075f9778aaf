"""Operating-system walls around a job process: these, not the Python-level policy, are the sandbox's boundary.

Each layer is best effort so the service still runs where one is missing (a container without user namespaces,
an old kernel without Landlock), and each reports whether it is in force; the test suite checks that all of
them are on the kind of machine it runs on."""

import contextlib
import ctypes
import os
import resource
import signal
import socket
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

from app.sandbox import seccomp
from app.sandbox.protocol import JobLimits

_libc = ctypes.CDLL(None, use_errno=True)

_PR_SET_PDEATHSIG = 1
_PR_SET_DUMPABLE = 4
_PR_SET_NO_NEW_PRIVS = 38
_CLONE_NEWNS = 0x00020000
_CLONE_NEWUSER = 0x10000000
_CLONE_NEWNET = 0x40000000
_MS_NOSUID, _MS_NODEV, _MS_NOEXEC = 2, 4, 8
# Files and directories a job may make on its disk: each costs kernel memory, whatever its size.
JOB_DISK_INODES = 4096

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

# The uid and gid a job runs as when the service runs as root.
UNPRIVILEGED_ID = 65534

# Variables the zygote keeps; everything else (tokens, URLs, credentials of the host) is dropped at spawn.
_PASSED_VARIABLES = ("LD_LIBRARY_PATH", "OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE", "TZ")
_ZYGOTE_VARIABLES = {
    "PATH": "/usr/local/bin:/usr/bin:/bin",
    "LANG": "C.UTF-8",
    "PYTHONDONTWRITEBYTECODE": "1",
    # The zygote must stay single-threaded to fork safely: one BLAS/OpenMP thread, Mesa's llvmpipe drawing on
    # the calling thread and no shader-cache thread (nor cache files).
    "OPENBLAS_NUM_THREADS": "1",
    "OMP_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
    "LP_NUM_THREADS": "0",
    "MESA_SHADER_CACHE_DISABLE": "true",
    "VTK_DEFAULT_OPENGL_WINDOW": "vtkOSOpenGLRenderWindow",
    "VTK_SMP_BACKEND_IN_USE": "Sequential",
}


def zygote_environment(tmpdir: str) -> dict[str, str]:
    env = {name: os.environ[name] for name in _PASSED_VARIABLES if name in os.environ}
    env.update(_ZYGOTE_VARIABLES)
    env["TMPDIR"] = env["HOME"] = tmpdir
    return env


def _prctl(option: int, value: int) -> bool:
    return bool(_libc.prctl(option, ctypes.c_ulong(value), 0, 0, 0) == 0)


def die_with_parent(parent: int) -> None:
    """SIGKILL when the parent goes; set after any change of credentials, which clears it."""
    _prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:
        os._exit(1)


def close_inherited(keep: Iterable[int]) -> None:
    """Closes every inherited socket and process handle but the given ones: holding the zygote's control
    socket a job could speak for the zygote, and holding a pidfd it could signal another job."""
    kept = set(keep)
    for name in os.listdir("/proc/self/fd"):
        fd = int(name)
        if fd in kept:
            continue
        with contextlib.suppress(OSError):
            if os.readlink(f"/proc/self/fd/{fd}").startswith(("socket:", "anon_inode:[pidfd]")):
                os.close(fd)


def drop_privileges(owned: Path) -> bool:
    """As root: hands `owned` to the unprivileged id, then becomes it for good. False when not root."""
    if os.geteuid() != 0:
        return False
    os.chown(owned, UNPRIVILEGED_ID, UNPRIVILEGED_ID)
    os.setgroups([])
    os.setresgid(UNPRIVILEGED_ID, UNPRIVILEGED_ID, UNPRIVILEGED_ID)
    os.setresuid(UNPRIVILEGED_ID, UNPRIVILEGED_ID, UNPRIVILEGED_ID)
    return True


def enter_namespaces() -> dict[str, bool]:
    """A fresh user namespace drops every host capability, a fresh network namespace has no interface but a
    downed loopback, and a fresh mount namespace lets the job have a disk of its own (mount_job_disk). Needs a
    single-threaded process, which a freshly forked one is."""
    if _libc.unshare(_CLONE_NEWUSER | _CLONE_NEWNS | _CLONE_NEWNET) == 0:
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
    return max(int(version), 0)


def _fs_rights(abi: int) -> int:
    rights = (1 << 13) - 1
    if abi >= 2:
        rights |= 1 << 13  # REFER
    if abi >= 3:
        rights |= 1 << 14  # TRUNCATE
    if abi >= 5:
        rights |= 1 << 15  # IOCTL_DEV
    return rights


class FilesystemRules:
    """Landlock: the process may read only the given trees and write only beneath the writable ones; with ABI 4+
    it may neither bind nor connect TCP, with ABI 6+ neither signal nor reach abstract sockets outside itself.

    The rules are made while the process may still open every path they name (before it gives up root) and
    enforced afterwards."""

    def __init__(self, readable: list[Path], writable: list[Path]) -> None:
        self.abi = _landlock_abi()
        self._ruleset = -1
        self._handled = _fs_rights(self.abi)
        if self.abi < 1:
            return
        handled = self._handled
        attr = _RulesetAttr(
            handled_access_fs=handled,
            handled_access_net=(_NET_BIND_TCP | _NET_CONNECT_TCP) if self.abi >= 4 else 0,
            scoped=(_SCOPE_ABSTRACT_UNIX_SOCKET | _SCOPE_SIGNAL) if self.abi >= 6 else 0,
        )
        size = 8 if self.abi < 4 else 16 if self.abi < 6 else 24
        self._ruleset = _libc.syscall(
            _SYS_LANDLOCK_CREATE_RULESET, ctypes.byref(attr), ctypes.c_size_t(size), ctypes.c_uint32(0)
        )
        if self._ruleset < 0:
            return
        for paths, rights in ((readable, _FS_READ), (writable, handled)):
            for path in paths:
                _allow(self._ruleset, path, rights)

    def allow_writing(self, path: Path) -> None:
        if self._ruleset >= 0:
            _allow(self._ruleset, path, self._handled)

    def enforce(self) -> int:
        """Returns the ABI now in force, 0 when Landlock is unavailable."""
        if self._ruleset < 0:
            return 0
        try:
            if (
                not _prctl(_PR_SET_NO_NEW_PRIVS, 1)
                or _libc.syscall(_SYS_LANDLOCK_RESTRICT_SELF, self._ruleset, ctypes.c_uint32(0)) != 0
            ):
                return 0
        finally:
            os.close(self._ruleset)
            self._ruleset = -1
        return self.abi


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


def mount_job_disk(workdir: Path, size: int, rules: FilesystemRules) -> bool:
    """Makes the job's directory, the working directory, a tmpfs of `size` bytes in the job's own mount namespace:
    all it writes is held to that total (not just each file, as RLIMIT_FSIZE does), none of it reaches the host's
    disk, and it vanishes with the process. Needs the user namespace of enter_namespaces."""
    uid, gid = os.getuid(), os.getgid()
    # The change of credentials made /proc/self root's; limit_process makes the process undumpable again.
    _prctl(_PR_SET_DUMPABLE, 1)
    try:
        # A tmpfs of this namespace can hold files only of ids mapped in it: map the job's own, nothing else.
        Path("/proc/self/setgroups").write_text("deny")
        Path("/proc/self/uid_map").write_text(f"{uid} {uid} 1")
        Path("/proc/self/gid_map").write_text(f"{gid} {gid} 1")
    except OSError:
        return False
    options = f"size={size},nr_inodes={JOB_DISK_INODES},mode=0700".encode()
    if _libc.mount(b"tmpfs", b".", b"tmpfs", ctypes.c_ulong(_MS_NOSUID | _MS_NODEV | _MS_NOEXEC), options) != 0:
        return False
    # The working directory is still the one beneath the mount; its parents may be closed to the job, so the
    # mount is entered by name from the scratch directory, which the job may pass through.
    os.chdir("..")
    os.chdir(workdir.name)
    # Landlock skips mount points on its way up, so the rule on the directory beneath does not cover the mount.
    rules.allow_writing(Path("."))
    return True


def readable_roots() -> list[Path]:
    """The interpreter's library, installed packages, system libraries (Mesa loads its driver late) and fonts:
    public files only. Not the service's own code (imported before the fork), /etc beyond the font setup,
    /home, /root or /proc."""
    roots = {Path(p) for p in (sys.prefix, sys.base_prefix, sys.exec_prefix) if p}
    roots |= {
        Path(p)
        for p in (
            "/usr/lib",
            "/usr/lib64",
            "/lib",
            "/lib64",
            "/usr/local/lib",
            "/usr/share/fonts",
            "/usr/local/share/fonts",
            "/usr/share/fontconfig",
            "/etc/fonts",
            "/usr/share/zoneinfo",
            "/dev/null",
            "/dev/zero",
            "/dev/urandom",
        )
    }
    return sorted(roots | {r.resolve() for r in roots if r.exists()})


def disable_sockets() -> None:
    """For any code that reaches sockets through Python, where neither seccomp nor a network namespace is there."""

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


def limit_process(address_space: int, file_size: int, open_files: int, cpu_seconds: int) -> None:
    """Not dumpable (no ptrace, /proc entries owned by root), no core files, no children, caps on memory, CPU,
    any single file and descriptors. SIGXCPU at the CPU limit, SIGKILL a second later if it is ignored."""
    _prctl(_PR_SET_DUMPABLE, 0)
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    for limit, soft, hard in (
        (resource.RLIMIT_CORE, 0, 0),
        (resource.RLIMIT_NPROC, 0, 0),
        (resource.RLIMIT_FSIZE, file_size, file_size),
        (resource.RLIMIT_NOFILE, open_files, open_files),
        (resource.RLIMIT_AS, address_space, address_space),
        (resource.RLIMIT_CPU, cpu_seconds, cpu_seconds + 1),
    ):
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(limit, (soft, hard))


def wall_in(workdir: Path, readable: list[Path], limits: JobLimits, baseline: int, zygote: int) -> dict[str, object]:
    """Puts up every operating-system layer, in the order the kernel needs, and says which are in force."""
    layers: dict[str, object] = {}
    # While still allowed to pass through the job directory's parents, which may be private to the service.
    os.chdir(workdir)
    rules = FilesystemRules(readable, [workdir])
    layers["unprivileged_uid"] = drop_privileges(workdir) or os.geteuid() != 0
    layers.update(enter_namespaces())
    layers["disk_cap"] = bool(layers["user_namespace"]) and mount_job_disk(workdir, limits.disk_bytes, rules)
    os.environ["HOME"] = os.environ["TMPDIR"] = str(workdir)
    tempfile.tempdir = str(workdir)
    limit_process(baseline + limits.memory_bytes, limits.output_bytes, limits.open_files, limits.cpu_seconds)
    die_with_parent(zygote)  # after the changes of credentials above, which clear it
    layers["landlock_abi"] = rules.enforce()
    layers["seccomp"] = seccomp.install()
    disable_sockets()
    return layers


def vm_size() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmSize:"):
            return int(line.split()[1]) * 1024
    return 0
