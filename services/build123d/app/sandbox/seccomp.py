"""A seccomp filter for job processes: the system calls a CAD script never needs and an escaped one would want
(new processes, programs, sockets, tracing, mounts, namespaces, kernel keyrings, BPF) fail with EPERM.

It is a deny list on purpose: OpenCascade, numpy and Mesa make system calls no allow list could foresee, and
Landlock and the rlimits already bound what the allowed ones can reach. Only x86-64 has the table below;
elsewhere the filter is reported as absent."""

import ctypes
import errno
import platform

_AUDIT_ARCH_X86_64 = 0xC000003E
_X32_SYSCALL_BIT = 0x40000000
_CLONE_THREAD = 0x00010000

_SECCOMP_RET_KILL_PROCESS = 0x80000000
_SECCOMP_RET_ERRNO = 0x00050000
_SECCOMP_RET_ALLOW = 0x7FFF0000
_PR_SET_NO_NEW_PRIVS = 38
_PR_SET_SECCOMP = 22
_SECCOMP_MODE_FILTER = 2

_LD_ABS_W = 0x20
_JEQ = 0x15
_JGE = 0x35
_JSET = 0x45
_RET = 0x06
_NR, _ARCH, _ARG0 = 0, 4, 16

_SYS_CLONE = 56
_SYS_CLONE3 = 435
DENIED_X86_64 = {
    "socket": 41, "connect": 42, "accept": 43, "bind": 49, "listen": 50, "socketpair": 53,
    "fork": 57, "vfork": 58, "execve": 59, "ptrace": 101, "syslog": 103, "personality": 135,
    "mknod": 133, "pivot_root": 155, "chroot": 161, "acct": 163, "mount": 165, "umount2": 166,
    "swapon": 167, "swapoff": 168, "reboot": 169, "iopl": 172, "ioperm": 173, "init_module": 175,
    "delete_module": 176, "quotactl": 179, "kexec_load": 246, "add_key": 248, "request_key": 249,
    "keyctl": 250, "mknodat": 259, "unshare": 272, "accept4": 288, "perf_event_open": 298,
    "name_to_handle_at": 303, "open_by_handle_at": 304, "setns": 308, "process_vm_readv": 310,
    "process_vm_writev": 311, "kcmp": 312, "finit_module": 313, "kexec_file_load": 320, "bpf": 321,
    "execveat": 322, "userfaultfd": 323, "io_uring_setup": 425, "io_uring_enter": 426,
    "io_uring_register": 427, "open_tree": 428, "move_mount": 429, "fsopen": 430, "fsconfig": 431,
    "fsmount": 432, "fspick": 433, "pidfd_getfd": 438,
}  # fmt: skip


class _Instruction(ctypes.Structure):
    _fields_ = [("code", ctypes.c_uint16), ("jt", ctypes.c_uint8), ("jf", ctypes.c_uint8), ("k", ctypes.c_uint32)]


class _Program(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.POINTER(_Instruction))]


def _program() -> list[tuple[int, int, int, int]]:
    eperm = _SECCOMP_RET_ERRNO | errno.EPERM
    code = [
        (_LD_ABS_W, 0, 0, _ARCH),
        (_JEQ, 1, 0, _AUDIT_ARCH_X86_64),
        (_RET, 0, 0, _SECCOMP_RET_KILL_PROCESS),
        (_LD_ABS_W, 0, 0, _NR),
        (_JGE, 0, 1, _X32_SYSCALL_BIT),
        (_RET, 0, 0, eperm),
        # glibc starts threads with clone3 and falls back to clone when the kernel says it has none.
        (_JEQ, 0, 1, _SYS_CLONE3),
        (_RET, 0, 0, _SECCOMP_RET_ERRNO | errno.ENOSYS),
    ]
    for number in sorted(DENIED_X86_64.values()):
        code += [(_JEQ, 0, 1, number), (_RET, 0, 0, eperm)]
    # clone is allowed for a thread of this process, refused for a new process.
    code += [
        (_JEQ, 0, 3, _SYS_CLONE),
        (_LD_ABS_W, 0, 0, _ARG0),
        (_JSET, 1, 0, _CLONE_THREAD),
        (_RET, 0, 0, eperm),
        (_RET, 0, 0, _SECCOMP_RET_ALLOW),
    ]
    return code


def install() -> bool:
    """Installs the filter on this thread and its future threads; False where it cannot be."""
    if platform.machine() != "x86_64":
        return False
    libc = ctypes.CDLL(None, use_errno=True)
    code = _program()
    instructions = (_Instruction * len(code))(*(_Instruction(*op) for op in code))
    program = _Program(len(code), instructions)
    if libc.prctl(_PR_SET_NO_NEW_PRIVS, ctypes.c_ulong(1), 0, 0, 0) != 0:
        return False
    return bool(libc.prctl(_PR_SET_SECCOMP, ctypes.c_ulong(_SECCOMP_MODE_FILTER), ctypes.byref(program), 0, 0) == 0)
