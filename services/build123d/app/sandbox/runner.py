"""Inside a job process: vet, execute and export one script, and describe any failure in terms of the user's code.

The Runner is built and warmed up in the zygote, which runs only the service's own warm-up scripts through
it; each job process inherits it and uses it once."""

import contextlib
import errno
import functools
import hashlib
import json
import math
import os
import sys
import time
import traceback
import types
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import build123d as bd
from OCP.TopoDS import TopoDS_Shape

from app.export import drawing, formats, glb, metrics, preview
from app.export import mesh as meshing
from app.models import FLAT_FORMATS, SOLID_FORMATS, VIEWS, Format, Quality, View
from app.sandbox.crashlog import user_traceback
from app.sandbox.policy import SCRIPT_FILENAME, PolicyViolation, check_code
from app.sandbox.restricted import ForbiddenError, JobNotes, ModuleCatalog, script_module

MAX_MESSAGE_CHARS = 2000
MAX_TRACEBACK_FRAMES = 20
# Every path a job can take through the kernel, the exporters, the fonts and the renderer, run once in the zygote
# so that nothing is loaded lazily after the walls go up.
WARM_UP_SCRIPTS = (
    (
        "from build123d import *\nimport logging\nlogging.getLogger('warm').info('up')\n"
        "with BuildPart() as p:\n    Box(20, 20, 4)\n    fillet(p.edges(), 0.5)\n    Hole(3)\n"
        "    with BuildSketch(Plane.XY.offset(2)):\n        Text('Az09', 5)\n    extrude(amount=-1, mode=Mode.SUBTRACT)\n"
        "Cone(3, 1, 2)\nSphere(1) + Torus(3, 1)\nrevolve(Rectangle(1, 1).moved(Pos(3, 0)), Axis.Y)\n"
        "root_part = p.part\n"
    ),
    (
        "from build123d import *\nwith BuildSketch() as s:\n    Circle(10)\n    Rectangle(4, 4, mode=Mode.SUBTRACT)\n"
        "    SlotCenterToCenter(8, 2)\n    Text('x', 3)\nroot_part = s.sketch\n"
    ),
    "from build123d import *\nroot_part = Helix(4, 8, 2)\n",
)


REHEARSAL = "from build123d import *\nroot_part = Box(1, 1, 1) - Cylinder(0.2, 1)\n"
_DISK_ERRORS = (errno.ENOSPC, errno.EDQUOT, errno.EFBIG)


@dataclass
class JobFailure(Exception):
    type: str
    message: str
    line: int | None = None
    traceback: str | None = None

    def as_error(self) -> dict[str, Any]:
        return {"type": self.type, "message": self.message, "line": self.line, "traceback": self.traceback}


@dataclass(frozen=True)
class Job:
    code: str
    formats: tuple[Format, ...] | None
    quality: Quality
    preview_size: int
    views: tuple[View, ...]
    output_bytes: int
    disk_bytes: int = 0


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


def _script_failure(kind: str, exc: BaseException, code: str) -> JobFailure:
    frames = [
        (lineno, frame.f_code.co_name)
        for frame, lineno in traceback.walk_tb(exc.__traceback__)
        if frame.f_code.co_filename == SCRIPT_FILENAME
    ][-MAX_TRACEBACK_FRAMES:]
    message = _describe(exc)
    if not frames:
        return JobFailure(kind, message)
    return JobFailure(kind, message, frames[-1][0], user_traceback(frames, code, message))


def _disk_full() -> bool:
    """The job's disk (its working directory) has no block left: a write failed, even one that a library
    swallowed (logging's handlers report a failed write and go on)."""
    try:
        return os.statvfs(".").f_bavail == 0
    except OSError:
        return False


def _disk_failure(job: Job, exc: BaseException | None = None) -> JobFailure:
    message = (
        f"the script wrote more files than a job may keep: {job.disk_bytes / 2**20:g} MiB in all, "
        f"{job.output_bytes / 2**20:g} MiB in one file"
    )
    if exc is None:
        return JobFailure("disk", message)
    failure = _script_failure("disk", exc, job.code)
    failure.message = f"{message} ({failure.message})"
    return failure


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


@contextlib.contextmanager
def _as_main(module: types.ModuleType) -> Iterator[None]:
    """dataclasses, enum and typing look a class's module up in sys.modules: let them find the script's, with
    its builtins, rather than the zygote's."""
    saved = sys.modules.get("__main__")
    sys.modules["__main__"] = module
    try:
        yield
    finally:
        if saved is not None:
            sys.modules["__main__"] = saved


@dataclass
class Rendered:
    """A job's result: the manifest (JSON: kind, metrics, warnings, log, and each file and preview described)
    and the bytes of each file and preview, in the manifest's order (files, then previews)."""

    manifest: bytes
    parts: list[bytes]


class _Output:
    """The files and images of one job, held to the output cap as they are added."""

    def __init__(self, cap: int) -> None:
        self.cap = cap
        self.total = 0
        self.parts: list[bytes] = []

    def check(self, size: int) -> None:
        if self.total + size > self.cap:
            raise JobFailure(
                "export",
                f"the exported files exceed the {self.cap / 2**20:g} MiB output cap; "
                "simplify the part, ask for a coarser quality, fewer formats or smaller previews",
            )

    def add(self, data: bytes) -> dict[str, Any]:
        self.check(len(data))
        self.total += len(data)
        self.parts.append(data)
        return {"sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data)}


class Runner:
    def __init__(self) -> None:
        self._catalog = ModuleCatalog()
        self._three_mf = formats.ThreeMFWriter()
        self._previews = preview.PreviewRenderer()

    def warm_up(self) -> None:
        for code in WARM_UP_SCRIPTS:
            job = Job(code, None, "normal", 64, VIEWS, output_bytes=1 << 26)
            header, _ = self.run(job, JobNotes())
            if not header["ok"]:
                raise RuntimeError(f"warm-up render failed: {header['error']}")

    def rehearse(self) -> None:
        """In a new job process, before its job: a small render writes to the pages a render writes to, so the
        copies a fork makes of them are made now rather than on the job's time."""
        self.run(Job(REHEARSAL, None, "normal", 64, ("iso",), output_bytes=1 << 26), JobNotes())

    def run(self, job: Job, notes: JobNotes) -> tuple[dict[str, Any], Rendered | None]:
        timings: dict[str, float] = {"exec_ms": 0.0, "export_ms": 0.0, "preview_ms": 0.0}
        body: Rendered | None = None
        try:
            body = self._render(job, notes, timings)
            header: dict[str, Any] = {"ok": True, "parts": len(body.parts)}
        except JobFailure as failure:
            header = {"ok": False, "error": {**failure.as_error(), "log": notes.log.text()}}
        return {**header, **timings}, body

    def _render(self, job: Job, notes: JobNotes, timings: dict[str, float]) -> Rendered:
        started = time.perf_counter()
        try:
            shape, kind = self._execute(job, notes)
        finally:
            timings["exec_ms"] = (time.perf_counter() - started) * 1000
        exported = time.perf_counter()
        try:
            # The service's own warnings (a 2D result off the XY plane, say) are in the result's warnings, in
            # the script's terms; Python's would name the service's files.
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                return self._export(shape, kind, job, notes, timings)
        except JobFailure:
            raise
        except MemoryError as exc:
            raise JobFailure("memory", "exporting the shape ran out of memory") from exc
        except Exception as exc:
            raise JobFailure("export", f"exporting root_part failed: {_describe(exc)}") from exc
        finally:
            timings["export_ms"] = (time.perf_counter() - exported) * 1000 - timings["preview_ms"]

    def _execute(self, job: Job, notes: JobNotes) -> tuple[bd.Shape[Any], str]:
        code = job.code
        try:
            tree, own_private = check_code(code)
            compiled = compile(tree, SCRIPT_FILENAME, "exec", dont_inherit=True)
        except SyntaxError as exc:
            raise _syntax_failure(exc) from None
        except PolicyViolation as exc:
            raise JobFailure("forbidden", exc.message, exc.line) from None
        except (ValueError, RecursionError, MemoryError) as exc:
            raise JobFailure("syntax", f"the script cannot be parsed: {_describe(exc)}") from None
        module = script_module(self._catalog, own_private, notes)
        with _as_main(module):
            try:
                exec(compiled, module.__dict__)
            except ForbiddenError as exc:
                raise _script_failure("forbidden", exc, code) from None
            except MemoryError as exc:
                raise _script_failure("memory", exc, code) from None
            except BaseException as exc:
                if isinstance(exc, OSError) and exc.errno in _DISK_ERRORS:
                    raise _disk_failure(job, exc) from None
                raise _script_failure("runtime", exc, code) from None
        if _disk_full():
            raise _disk_failure(job)
        return _root_part(module.__dict__, notes)

    def _export(self, shape: bd.Shape[Any], kind: str, job: Job, notes: JobNotes, timings: dict[str, float]) -> Rendered:
        output = _Output(job.output_bytes)
        wanted = job.formats if job.formats is not None else SOLID_FORMATS if kind == "solid" else FLAT_FORMATS
        mesh = meshing.tessellate(shape, job.quality)
        writers = self._writers(shape, kind, mesh, notes)
        files = {}
        for name in wanted:
            if name not in writers:
                notes.warn(f"{name} does not apply to a {kind} result and was skipped")
                continue
            if name == "stl":
                output.check(formats.stl_size(mesh))  # known before writing: spares a file that would be dropped
            files[name] = output.add(writers[name]())
        described = _finite(metrics.shape_metrics(shape, mesh, kind))
        started = time.perf_counter()
        images = self._previews.render(mesh, list(job.views), job.preview_size) if job.views else {}
        previews = {view: {**output.add(image.png), "width": image.width, "height": image.height} for view, image in images.items()}
        timings["preview_ms"] = (time.perf_counter() - started) * 1000
        if described["faces_truncated"] or described["edges_truncated"]:
            notes.warn("metrics list only the first faces and edges of this large model (see face_count, edge_count)")
        body = {
            "kind": kind,
            "files": files,
            "previews": previews,
            "metrics": described,
            "warnings": notes.warnings,
            "log": notes.log.text(),
        }
        return Rendered(json.dumps(body, separators=(",", ":")).encode(), output.parts)

    def _writers(self, shape: bd.Shape[Any], kind: str, mesh: meshing.Mesh, notes: JobNotes) -> dict[str, Callable[[], bytes]]:
        writers: dict[str, Callable[[], bytes]] = {"step": lambda: formats.to_step(shape)}
        if mesh.triangle_count:
            writers["glb"] = lambda: glb.to_glb(mesh)
        if kind == "solid":
            writers["stl"] = lambda: formats.to_stl(mesh)
            writers["3mf"] = lambda: self._three_mf.write(mesh)
            layers = functools.cache(lambda: drawing.projected_layers(shape))
        else:
            layers = functools.cache(lambda: _noted(drawing.flat_layers(shape), notes))
        writers["svg"] = lambda: drawing.to_svg(layers())
        writers["dxf"] = lambda: drawing.to_dxf(layers())
        return writers


def _noted(result: tuple[drawing.Layers, str | None], notes: JobNotes) -> drawing.Layers:
    layers, warning = result
    if warning:
        notes.warn(warning)
    return layers


def _root_part(namespace: dict[str, Any], notes: JobNotes) -> tuple[bd.Shape[Any], str]:
    if "root_part" not in namespace:
        raise JobFailure("no_result", "the script did not define root_part: bind the final shape to the name root_part")
    value = namespace["root_part"]
    for builder, attribute in ((bd.BuildPart, "part"), (bd.BuildSketch, "sketch"), (bd.BuildLine, "line")):
        if isinstance(value, builder):
            value = getattr(value, attribute)
    if value is None:
        raise JobFailure(
            "no_result", "root_part is None: bind a build123d shape (for a BuildPart context, its .part)"
        )
    if isinstance(value, TopoDS_Shape):
        raw = type(value).__name__
        value = bd.Shape.cast(value)
        notes.warn(f"root_part is an OCP {raw}; it was wrapped as a build123d {type(value).__name__}")
    elif isinstance(value, list | tuple) and value and all(isinstance(item, bd.Shape) for item in value):
        value = bd.Compound(list(value))
        notes.warn(f"root_part is a list of {len(value.get_top_level_shapes())} shapes; they were combined into a Compound")
    if not isinstance(value, bd.Shape):
        raise JobFailure("no_result", f"root_part is a {type(value).__name__}, not a build123d shape")
    try:
        if value.solids():
            return value, "solid"
        if value.faces() or value.edges():
            return value, "2d"
    except Exception as exc:
        raise JobFailure("no_result", f"root_part cannot be inspected: {_describe(exc)}") from None
    raise JobFailure("no_result", f"root_part is a {type(value).__name__} without any solid, face or edge")
