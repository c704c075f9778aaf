"""Inside a worker: vet, execute and export one script, and describe any failure in terms of the user's code."""

import base64
import hashlib
import json
import math
import os
import shutil
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import build123d as bd

from app import exporters
from app.models import FORMATS, Format, Quality
from app.sandbox import isolation
from app.sandbox.crashlog import user_traceback
from app.sandbox.policy import SCRIPT_FILENAME, PolicyViolation, check_code
from app.sandbox.restricted import ForbiddenError, ModuleCatalog, fingerprint, script_globals

MAX_MESSAGE_CHARS = 2000
MAX_TRACEBACK_FRAMES = 20
WARM_UP_SCRIPT = "from build123d import *\nwith BuildPart() as p:\n    Box(2, 2, 2)\n    fillet(p.edges(), 0.2)\nroot_part = p.part\n"


@dataclass
class JobFailure(Exception):
    type: str
    message: str
    line: int | None = None
    traceback: str | None = None
    # The worker's state may be damaged (a failed allocation midway through the kernel): replace it.
    recycle: bool = False

    def as_error(self) -> dict[str, Any]:
        return {"type": self.type, "message": self.message, "line": self.line, "traceback": self.traceback}


@dataclass(frozen=True)
class Job:
    code: str
    formats: tuple[Format, ...]
    quality: Quality
    cpu_seconds: int
    output_bytes: int


def _redact(text: str) -> str:
    for prefix in {sys.prefix, sys.base_prefix, str(Path(__file__).resolve().parents[2])}:
        text = text.replace(prefix, "…")
    return text if len(text) <= MAX_MESSAGE_CHARS else text[:MAX_MESSAGE_CHARS] + " …"


def _describe(exc: BaseException) -> str:
    try:
        detail = str(exc)
    except Exception:
        detail = "<unprintable>"
    return _redact(f"{type(exc).__name__}: {detail}" if detail else type(exc).__name__)


def _script_failure(kind: str, exc: BaseException, code: str, recycle: bool = False) -> JobFailure:
    frames = [
        (lineno, frame.f_code.co_name)
        for frame, lineno in traceback.walk_tb(exc.__traceback__)
        if frame.f_code.co_filename == SCRIPT_FILENAME
    ][-MAX_TRACEBACK_FRAMES:]
    message = _describe(exc)
    if not frames:
        return JobFailure(kind, message, recycle=recycle)
    return JobFailure(kind, message, frames[-1][0], user_traceback(frames, code, message), recycle)


def _syntax_failure(exc: SyntaxError) -> JobFailure:
    line = exc.lineno
    text = "".join(traceback.format_exception_only(SyntaxError, exc)).replace(f'File "{SCRIPT_FILENAME}", ', "")
    return JobFailure("syntax", _redact(f"{exc.msg} (line {line})" if line else exc.msg), line, _redact(text))


def _finite(value: Any) -> Any:
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {key: _finite(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_finite(item) for item in value]
    return value


class Runner:
    """One per worker: the module views, the 3MF library and the tamper baseline are built once."""

    def __init__(self) -> None:
        self._catalog = ModuleCatalog()
        self._classes = self._catalog.classes()
        self._three_mf = exporters.ThreeMFWriter()
        self._baseline = ""

    def warm_up(self, scratch: Path) -> None:
        """Loads every lazily imported part of the kernel and the exporters before the walls go up."""
        job = Job(WARM_UP_SCRIPT, FORMATS, "normal", cpu_seconds=60, output_bytes=1 << 24)
        header, _ = self.run(job, scratch)
        if not header["ok"]:
            raise RuntimeError(f"warm-up render failed: {header['error']}")
        self._baseline = fingerprint(self._classes)

    def run(self, job: Job, scratch: Path) -> tuple[dict[str, Any], bytes | None]:
        workdir = Path(tempfile.mkdtemp(dir=scratch))
        os.chdir(workdir)
        isolation.limit_cpu(job.cpu_seconds)
        timings: dict[str, float] = {}
        try:
            body = self._render(job, timings)
            header: dict[str, Any] = {"ok": True, "recycle": False}
        except JobFailure as failure:
            body = None
            header = {"ok": False, "error": failure.as_error(), "recycle": failure.recycle}
        finally:
            isolation.limit_cpu(None)
            os.chdir(scratch)
            shutil.rmtree(workdir, ignore_errors=True)
        if self._baseline and fingerprint(self._classes) != self._baseline:
            header["recycle"] = True
        header.update({"exec_ms": timings.get("exec_ms", 0.0), "export_ms": timings.get("export_ms", 0.0)})
        return header, body

    def _render(self, job: Job, timings: dict[str, float]) -> bytes:
        started = time.perf_counter()
        shape = self._execute(job.code)
        exported = time.perf_counter()
        timings["exec_ms"] = (exported - started) * 1000
        try:
            body = self._export(shape, job)
        except JobFailure:
            raise
        except MemoryError as exc:
            raise JobFailure("memory", "exporting the shape ran out of memory", recycle=True) from exc
        except Exception as exc:
            raise JobFailure("export", f"exporting root_part failed: {_describe(exc)}") from exc
        finally:
            timings["export_ms"] = (time.perf_counter() - exported) * 1000
        return body

    def _execute(self, code: str) -> bd.Shape:
        try:
            compiled = compile(check_code(code), SCRIPT_FILENAME, "exec", dont_inherit=True)
        except SyntaxError as exc:
            raise _syntax_failure(exc) from None
        except PolicyViolation as exc:
            raise JobFailure("forbidden", exc.message, exc.line) from None
        except (ValueError, RecursionError, MemoryError) as exc:
            raise JobFailure("syntax", f"the script cannot be parsed: {_describe(exc)}") from None
        namespace = script_globals(self._catalog)
        try:
            exec(compiled, namespace)
        except ForbiddenError as exc:
            raise _script_failure("forbidden", exc, code) from None
        except MemoryError as exc:
            raise _script_failure("memory", exc, code, recycle=True) from None
        except BaseException as exc:
            raise _script_failure("runtime", exc, code) from None
        return _root_part(namespace)

    def _export(self, shape: bd.Shape, job: Job) -> bytes:
        files: dict[str, dict[str, Any]] = {}
        total = 0

        def within_cap(size: int) -> None:
            if size > job.output_bytes:
                raise JobFailure(
                    "export",
                    f"the exported files exceed the {job.output_bytes / 2**20:g} MiB output cap; "
                    "simplify the part or ask for a coarser quality",
                )

        def add(name: str, data: bytes) -> None:
            nonlocal total
            total += len(data)
            within_cap(total)
            files[name] = {
                "base64": base64.b64encode(data).decode(),
                "sha256": hashlib.sha256(data).hexdigest(),
                "bytes": len(data),
            }

        mesh = exporters.tessellate(shape, job.quality)
        if "stl" in job.formats:
            # Known before writing anything: spares building a file that would be thrown away.
            within_cap(84 + mesh.triangle_count * exporters.STL_TRIANGLE_BYTES)
        writers = {
            "step": lambda: exporters.to_step(shape),
            "stl": lambda: exporters.to_stl(mesh),
            "3mf": lambda: self._three_mf.write(mesh),
            "glb": lambda: exporters.to_glb(mesh),
        }
        for name in job.formats:
            add(name, writers[name]())
        metrics = _finite(exporters.shape_metrics(shape, mesh))
        return json.dumps({"files": files, "metrics": metrics}, separators=(",", ":")).encode()


def _root_part(namespace: dict[str, Any]) -> bd.Shape:
    if "root_part" not in namespace:
        raise JobFailure("no_result", "the script did not define root_part: bind the final shape to the name root_part")
    value = namespace["root_part"]
    if isinstance(value, bd.BuildPart):
        value = value.part
    if value is None:
        raise JobFailure(
            "no_result",
            "root_part is None: bind a build123d Part, Solid or Compound (for a BuildPart context, its .part)",
        )
    if not isinstance(value, bd.Shape):
        raise JobFailure(
            "no_result", f"root_part is a {type(value).__name__}, not a build123d shape: bind a Part, Solid or Compound"
        )
    try:
        solids = value.solids()
    except Exception as exc:
        raise JobFailure("no_result", f"root_part cannot be inspected: {_describe(exc)}") from None
    if not solids:
        raise JobFailure(
            "no_result", f"root_part is a {type(value).__name__} without any solid: extrude or otherwise make it 3D"
        )
    return value
