"""The HTTP contract of the render service (ARCHITECTURE §9). The OpenAPI document generated from these models
is committed as openapi.json and is what the backend validates against, so names are snake_case and stable."""

from typing import Literal, TypeVar, get_args

from pydantic import BaseModel, ConfigDict, Field, field_validator

Format = Literal["step", "stl", "3mf", "glb", "svg", "dxf"]
Quality = Literal["draft", "normal", "fine"]
View = Literal["iso", "front", "top", "right"]
Kind = Literal["solid", "2d"]
SOLID_FORMATS: tuple[Format, ...] = ("step", "stl", "3mf", "glb")
FLAT_FORMATS: tuple[Format, ...] = ("svg", "dxf")
VIEWS: tuple[View, ...] = get_args(View)
FORMATS: tuple[Format, ...] = get_args(Format)
ScriptErrorType = Literal["syntax", "runtime", "timeout", "memory", "disk", "forbidden", "no_result", "export"]
SCRIPT_ERROR_TYPES: tuple[str, ...] = get_args(ScriptErrorType)
ErrorType = ScriptErrorType | Literal["bad_request", "too_large", "busy"]


_Item = TypeVar("_Item")


def _unique(items: list[_Item] | None) -> list[_Item] | None:
    return None if items is None else list(dict.fromkeys(items))


class PreviewRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    size: int = Field(default=512, ge=64, le=2048, description="width and height of each PNG, in pixels")
    views: list[View] = Field(
        default_factory=lambda: list(VIEWS), description="views to render, in this order; empty for no previews"
    )

    @field_validator("views")
    @classmethod
    def _views_unique(cls, views: list[View]) -> list[View] | None:
        return _unique(views)


class RenderRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    code: str = Field(description="build123d script that binds its final shape to root_part")
    formats: list[Format] | None = Field(
        default=None,
        description="files to return; absent or null for step, stl, 3mf, glb of a solid and svg, dxf of a 2D result; "
        "empty for none (an exploratory render: metrics and the requested previews only). A format that does not "
        "apply to the result is skipped with a warning; svg and dxf of a solid are its view from above",
    )
    quality: Quality = Field(
        default="normal",
        description="tessellation of stl, 3mf, glb and previews: linear deflection 0.2 % (draft), 0.05 % (normal) "
        "or 0.01 % (fine) of the bounding-box diagonal; angular 0.5, 0.3 or 0.15 rad",
    )
    caller: str | None = Field(
        default=None,
        max_length=200,
        description="opaque id of the user the render is for; the queue is fair between callers and caps each one",
    )
    previews: PreviewRequest | None = Field(default=None, description="PNG previews; absent or null for all four at 512 px")
    interactive: bool = Field(
        default=False,
        description="a person is waiting on this render (an editor or slider render): it gets the shorter wall clock "
        "BUILD123D_INTERACTIVE_TIMEOUT_S rather than BUILD123D_JOB_TIMEOUT_S",
    )

    @field_validator("formats")
    @classmethod
    def _formats_unique(cls, formats: list[Format] | None) -> list[Format] | None:
        return _unique(formats)


class FileInfo(BaseModel):
    sha256: str
    bytes: int


class PreviewInfo(FileInfo):
    width: int
    height: int


class ExportedFile(FileInfo):
    base64: str


class PreviewImage(PreviewInfo):
    base64: str


class BoundingBox(BaseModel):
    min: list[float]
    max: list[float]
    size: list[float]


class FaceInfo(BaseModel):
    """One B-rep face; index i is `root_part.faces()[i]` and primitive i of the GLB."""

    index: int
    type: Literal["plane", "cylinder", "cone", "sphere", "torus", "bspline", "other"]
    area: float
    center: list[float] = Field(description="centre of mass of the face")
    bbox_size: list[float]
    normal: list[float] | None = Field(default=None, description="outward unit normal (planes)")
    axis: list[float] | None = Field(default=None, description="axis direction (cylinders, cones)")
    axis_point: list[float] | None = Field(default=None, description="a point on the axis (cylinders, cones)")
    radius: float | None = Field(default=None, description="cylinders, spheres; for cones the radius at axis_point")


class EdgeInfo(BaseModel):
    """One B-rep edge; index i is `root_part.edges()[i]`."""

    index: int
    type: Literal["line", "circle", "other"]
    length: float
    start: list[float]
    end: list[float]
    center: list[float] | None = Field(default=None, description="circles")
    radius: float | None = Field(default=None, description="circles")
    normal: list[float] | None = Field(default=None, description="circles: the axis of the circle")


class CylinderGroup(BaseModel):
    """Holes (the surface faces its axis) or bosses of one diameter; faces on one axis count once."""

    kind: Literal["hole", "boss"]
    diameter: float
    count: int
    faces: list[int]


class GeometryMetrics(BaseModel):
    bounding_box: BoundingBox
    volume: float | None = Field(description="exact, mm³; null for a 2D result")
    surface_area: float | None = Field(description="exact, mm²")
    solids: int
    watertight: bool = Field(description="the mesh is closed and consistently oriented")
    triangles: int = Field(description="triangles of the tessellation shared by stl, 3mf, glb and previews")
    area: float | None = Field(default=None, description="2D results: area of the faces, mm²")
    perimeter: float | None = Field(default=None, description="2D results: total length of all edges, mm")
    face_count: int
    edge_count: int
    faces: list[FaceInfo] = Field(description="the first 2000 faces")
    edges: list[EdgeInfo] = Field(description="the first 4000 edges")
    faces_truncated: bool
    edges_truncated: bool
    cylinders: list[CylinderGroup]


class Timings(BaseModel):
    queue_ms: float = Field(description="waiting for a job slot")
    process_ms: float = Field(
        description="forking the job process and putting up its walls; usually paid before the job came, by a spare"
    )
    exec_ms: float
    export_ms: float
    preview_ms: float
    total_ms: float


class _RenderResult(BaseModel):
    kind: Kind = Field(description="solid: at least one solid; 2d: faces, sketches, wires or edges only")
    metrics: GeometryMetrics
    warnings: list[str] = Field(description="what the service changed or skipped, e.g. an export call in the script")
    log: str = Field(description="what the script printed and logged, capped at 64 KiB")
    timings: Timings


class RenderResponse(_RenderResult):
    """The JSON answer: each file and preview inline as base64."""

    files: dict[Format, ExportedFile]
    previews: dict[View, PreviewImage]


class RenderManifest(_RenderResult):
    """The first part of a multipart/mixed answer; each file and preview follows as a part of its own, with
    Content-Disposition name `files.<format>` or `previews.<view>`, in this order."""

    files: dict[Format, FileInfo]
    previews: dict[View, PreviewInfo]


class ErrorDetail(BaseModel):
    type: ErrorType
    message: str
    line: int | None = Field(default=None, description="line in the user's script")
    traceback: str | None = Field(default=None, description="the user's frames only")
    log: str | None = Field(default=None, description="what the script printed and logged before it failed")


class ErrorResponse(BaseModel):
    error: ErrorDetail


class SandboxLayers(BaseModel):
    """The operating-system layers in force in the last job process."""

    unprivileged_uid: bool
    user_namespace: bool
    network_namespace: bool
    landlock_abi: int = Field(description="0 when Landlock is unavailable")
    disk_cap: bool = Field(description="the job's directory is a private tmpfs of BUILD123D_JOB_DISK_MB")
    seccomp: bool


class ReadyResponse(BaseModel):
    status: Literal["ready", "warming"]
    job_slots: int
    jobs_running: int
    zygote_pid: int | None
    zygote_baseline_mib: int
    zygote_threads: int | None
    sandbox: SandboxLayers | None


class HealthResponse(BaseModel):
    status: Literal["ok"]
