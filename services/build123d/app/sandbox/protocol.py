"""What the service, the zygote and a job process pass each other: the job limits, the scratch directory's
name, and length-prefixed messages on a job's stream socket (blocking in the job process, asyncio in the
service). Every message is JSON bytes; the service never unpickles anything a job process sends."""

import asyncio
import socket
import struct
import tempfile
from dataclasses import dataclass
from pathlib import Path

# The zygote's pid is the rest of the name, so a later service can tell a dead zygote's directory from a live one.
SCRATCH_PREFIX = "build123d-jobs-"


def scratch_dir(zygote: int) -> Path:
    """Where a zygote's job processes get their directories."""
    return Path(tempfile.gettempdir()) / f"{SCRATCH_PREFIX}{zygote}"


@dataclass(frozen=True)
class JobLimits:
    memory_bytes: int
    output_bytes: int
    cpu_seconds: int
    disk_bytes: int
    open_files: int = 64


_LENGTH = struct.Struct(">Q")


def send(conn: socket.socket, payload: bytes) -> None:
    conn.sendall(_LENGTH.pack(len(payload)) + payload)


def recv(conn: socket.socket, limit: int) -> bytes:
    (length,) = _LENGTH.unpack(_recv_exactly(conn, _LENGTH.size))
    if length > limit:
        raise ValueError(f"message of {length} bytes over the {limit}-byte limit")
    return _recv_exactly(conn, length)


def _recv_exactly(conn: socket.socket, size: int) -> bytes:
    chunks, left = [], size
    while left:
        chunk = conn.recv(min(left, 1 << 20))
        if not chunk:
            raise EOFError("the other end closed the connection")
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


async def read(reader: asyncio.StreamReader, limit: int) -> bytes:
    (length,) = _LENGTH.unpack(await reader.readexactly(_LENGTH.size))
    if length > limit:
        raise ValueError(f"message of {length} bytes over the {limit}-byte limit")
    return await reader.readexactly(length)


def pack(payload: bytes) -> bytes:
    return _LENGTH.pack(len(payload)) + payload
