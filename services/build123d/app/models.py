"""The HTTP contract of the render service (ARCHITECTURE §9), shared by the routes and the OpenAPI document."""

from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, field_validator

Format = Literal["step", "stl", "3mf", "glb"]
Quality = Literal["draft", "normal", "fine"]
FORMATS: tuple[Format, ...] = ("step", "stl", "3mf", "glb")
ScriptErrorType = Literal["syntax", "runtime", "timeout", "memory", "forbidden", "no_result", "export"]
SCRIPT_ERROR_TYPES: tuple[str, ...] = get_args(ScriptErrorType)
ErrorType = ScriptErrorType | Literal["bad_request", "too_large", "busy"]


class RenderRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    code: str = Field(description="build123d script that binds its final shape to root_part")
    formats: list[Format] = Field(default_factory=lambda: list(FORMATS), min_length=1)
    quality: Quality = Field(default="normal", description="tessellation tolerance of the mesh formats")

    @field_validator("formats")
    @classmethod
    def _unique(cls, formats: list[Format]) -> list[Format]:
        return list(dict.fromkeys(formats))


class ExportedFile(BaseModel):
    base64: str
    sha256: str
    bytes: int


class BoundingBox(BaseModel):
    min: list[float]
    max: list[float]
    size: list[float]


class GeometryMetrics(BaseModel):
    bounding_box: BoundingBox
    volume: float | None
    surface_area: float | None
    solids: int
    watertight: bool
    triangles: int


class Timings(BaseModel):
    queue_ms: float
    exec_ms: float
    export_ms: float
    total_ms: float


class RenderResponse(BaseModel):
    files: dict[Format, ExportedFile]
    metrics: GeometryMetrics
    timings: Timings


class ErrorDetail(BaseModel):
    type: ErrorType
    message: str
    line: int | None = Field(default=None, description="line in the user's script")
    traceback: str | None = Field(default=None, description="the user's frames only")


class ErrorResponse(BaseModel):
    error: ErrorDetail
