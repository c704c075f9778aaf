"""Turns a build123d shape into STEP, STL, 3MF and GLB bytes plus the geometry metrics, all from one tessellation."""

import ctypes
import io
import json
import struct
from dataclasses import dataclass

import build123d as bd
import lib3mf
import numpy as np
from OCP.BRep import BRep_Tool
from OCP.BRepLib import BRepLib_ToolTriangulatedShape
from OCP.BRepMesh import BRepMesh_IncrementalMesh
from OCP.BRepTools import BRepTools
from OCP.TopAbs import TopAbs_FACE, TopAbs_REVERSED
from OCP.TopExp import TopExp_Explorer
from OCP.TopLoc import TopLoc_Location
from OCP.TopoDS import TopoDS

from app.models import Quality

# Linear deflection as a fraction of the bounding-box diagonal (so a part's triangle count does not
# depend on its size), and angular deflection in radians.
TESSELLATION: dict[Quality, tuple[float, float]] = {
    "draft": (2e-3, 0.5),
    "normal": (5e-4, 0.3),
    "fine": (1e-4, 0.15),
}

# Relative to the bounding-box diagonal; four orders of magnitude below the finest deflection.
WELD_TOLERANCE = 1e-8
STL_TRIANGLE_BYTES = 50
# A fixed STEP header timestamp makes the same script produce byte-identical files.
STEP_TIMESTAMP = "2000-01-01T00:00:00"


@dataclass(frozen=True)
class Mesh:
    """Per-face vertices (kept apart so GLB normals stay sharp at edges) and the same triangles over welded vertices."""

    positions: np.ndarray
    normals: np.ndarray
    triangles: np.ndarray
    welded_positions: np.ndarray
    welded_triangles: np.ndarray

    @property
    def triangle_count(self) -> int:
        return len(self.triangles)


def tessellate(shape: bd.Shape, quality: Quality) -> Mesh:
    relative, angular = TESSELLATION[quality]
    # Only a scale for the deflection: the quick, slightly loose box will do (the exact one can take a second).
    diagonal = shape.bounding_box(optimal=False).diagonal
    BRepTools.Clean_s(shape.wrapped)
    BRepMesh_IncrementalMesh(shape.wrapped, max(diagonal * relative, 1e-6), False, angular, False)

    positions: list[tuple[float, float, float]] = []
    normals: list[tuple[float, float, float]] = []
    triangles: list[tuple[int, int, int]] = []
    explorer = TopExp_Explorer(shape.wrapped, TopAbs_FACE)
    while explorer.More():
        face = TopoDS.Face(explorer.Current())
        explorer.Next()
        location = TopLoc_Location()
        triangulation = BRep_Tool.Triangulation_s(face, location)
        if triangulation is None:
            continue
        if not triangulation.HasNormals():
            BRepLib_ToolTriangulatedShape.ComputeNormals_s(face, triangulation)
        transform = location.Transformation()
        reversed_face = face.Orientation() == TopAbs_REVERSED
        sign = -1.0 if reversed_face else 1.0
        offset = len(positions) - 1
        for i in range(1, triangulation.NbNodes() + 1):
            point = triangulation.Node(i).Transformed(transform)
            normal = triangulation.Normal(i).Transformed(transform)
            positions.append((point.X(), point.Y(), point.Z()))
            normals.append((sign * normal.X(), sign * normal.Y(), sign * normal.Z()))
        for i in range(1, triangulation.NbTriangles() + 1):
            a, b, c = triangulation.Triangle(i).Get()
            triangles.append(
                (offset + a, offset + c, offset + b) if reversed_face else (offset + a, offset + b, offset + c)
            )

    points = np.asarray(positions, dtype=np.float64).reshape(-1, 3)
    tris = np.asarray(triangles, dtype=np.uint32).reshape(-1, 3)
    # Adjacent faces share their edge nodes, but each face evaluates them on its own surface, so the copies
    # differ in the last bits: weld on a grid far finer than any triangle.
    grid = max(diagonal * WELD_TOLERANCE, 1e-12)
    _, first, weld = np.unique(np.round(points / grid).astype(np.int64), axis=0, return_index=True, return_inverse=True)
    welded_points = points[first]
    welded = weld.reshape(-1)[tris].astype(np.uint32)
    keep = (welded[:, 0] != welded[:, 1]) & (welded[:, 1] != welded[:, 2]) & (welded[:, 2] != welded[:, 0])
    return Mesh(
        positions=points,
        normals=np.asarray(normals, dtype=np.float64).reshape(-1, 3),
        triangles=tris[keep],
        welded_positions=welded_points,
        welded_triangles=welded[keep],
    )


def is_watertight(mesh: Mesh) -> bool:
    """Closed and consistently oriented: every directed edge occurs once and its reverse once."""
    tris = mesh.welded_triangles.astype(np.int64)
    if len(tris) == 0:
        return False
    n = len(mesh.welded_positions)
    starts = tris.reshape(-1)
    ends = tris[:, [1, 2, 0]].reshape(-1)
    directed = starts * n + ends
    if np.unique(directed).size != directed.size:
        return False
    return bool(np.isin(ends * n + starts, directed).all())


def to_stl(mesh: Mesh) -> bytes:
    corners = mesh.positions[mesh.triangles]
    normals = np.cross(corners[:, 1] - corners[:, 0], corners[:, 2] - corners[:, 0])
    lengths = np.linalg.norm(normals, axis=1, keepdims=True)
    normals = np.divide(normals, lengths, out=np.zeros_like(normals), where=lengths > 0)
    record = np.dtype([("normal", "<f4", 3), ("corners", "<f4", (3, 3)), ("attribute", "<u2")])
    records = np.zeros(len(corners), dtype=record)
    records["normal"] = normals
    records["corners"] = corners
    header = b"Chat3D build123d binary STL, millimetres".ljust(80, b" ")
    return header + struct.pack("<I", len(records)) + records.tobytes()


def to_glb(mesh: Mesh) -> bytes:
    # glTF is metres and Y-up; build123d is millimetres and Z-up: (x, y, z) -> (x, z, -y).
    axes = np.array([[1, 0, 0], [0, 0, 1], [0, -1, 0]], dtype=np.float64)
    positions = (mesh.positions @ axes.T * 0.001).astype("<f4")
    normals = (mesh.normals @ axes.T).astype("<f4")
    indices = mesh.triangles.astype("<u4")
    chunks = [positions.tobytes(), normals.tobytes(), indices.tobytes()]
    views, offset = [], 0
    for chunk, target in zip(chunks, (34962, 34962, 34963)):
        views.append({"buffer": 0, "byteOffset": offset, "byteLength": len(chunk), "target": target})
        offset += len(chunk)
    binary = b"".join(chunks)
    document = {
        "asset": {"version": "2.0", "generator": "Chat3D build123d service"},
        "scene": 0,
        "scenes": [{"nodes": [0]}],
        "nodes": [{"mesh": 0, "name": "root_part"}],
        "materials": [
            {
                "pbrMetallicRoughness": {
                    "baseColorFactor": [0.8, 0.8, 0.82, 1.0],
                    "metallicFactor": 0.1,
                    "roughnessFactor": 0.6,
                }
            }
        ],
        "meshes": [
            {"primitives": [{"attributes": {"POSITION": 0, "NORMAL": 1}, "indices": 2, "material": 0, "mode": 4}]}
        ],
        "accessors": [
            {
                "bufferView": 0,
                "componentType": 5126,
                "count": len(positions),
                "type": "VEC3",
                "min": positions.min(axis=0).tolist() if len(positions) else [0, 0, 0],
                "max": positions.max(axis=0).tolist() if len(positions) else [0, 0, 0],
            },
            {"bufferView": 1, "componentType": 5126, "count": len(normals), "type": "VEC3"},
            {"bufferView": 2, "componentType": 5125, "count": indices.size, "type": "SCALAR"},
        ],
        "bufferViews": views,
        "buffers": [{"byteLength": len(binary)}],
    }
    json_chunk = json.dumps(document, separators=(",", ":")).encode()
    json_chunk += b" " * (-len(json_chunk) % 4)
    binary += b"\0" * (-len(binary) % 4)
    total = 12 + 8 + len(json_chunk) + 8 + len(binary)
    return b"".join(
        [
            struct.pack("<III", 0x46546C67, 2, total),
            struct.pack("<II", len(json_chunk), 0x4E4F534A),
            json_chunk,
            struct.pack("<II", len(binary), 0x004E4942),
            binary,
        ]
    )


class ThreeMFWriter:
    """lib3mf bound once per worker; geometry and output go through its C entry points because the Python
    wrapper copies them element by element, which is seconds for a large mesh."""

    def __init__(self) -> None:
        self._wrapper = lib3mf.get_wrapper()
        self._lib = self._wrapper.lib

    def write(self, mesh: Mesh) -> bytes:
        model = self._wrapper.CreateModel()
        model.SetUnit(lib3mf.ModelUnit.MilliMeter)
        mesh_object = model.AddMeshObject()
        mesh_object.SetName("root_part")
        vertices = np.ascontiguousarray(mesh.welded_positions, dtype="<f4")
        triangles = np.ascontiguousarray(mesh.welded_triangles, dtype="<u4")
        check = self._wrapper.checkError
        check(
            mesh_object,
            self._lib.lib3mf_meshobject_setgeometry(
                mesh_object._handle,
                ctypes.c_uint64(len(vertices)),
                (lib3mf.Position * len(vertices)).from_buffer_copy(vertices.tobytes()),
                ctypes.c_uint64(len(triangles)),
                (lib3mf.Triangle * len(triangles)).from_buffer_copy(triangles.tobytes()),
            ),
        )
        model.AddBuildItem(mesh_object, self._wrapper.GetIdentityTransform())
        writer = model.QueryWriter("3mf")
        needed = ctypes.c_uint64(0)
        check(writer, self._lib.lib3mf_writer_writetobuffer(writer._handle, ctypes.c_uint64(0), needed, None))
        buffer = (ctypes.c_uint8 * needed.value)()
        check(writer, self._lib.lib3mf_writer_writetobuffer(writer._handle, needed, needed, buffer))
        return bytes(buffer)


def to_step(shape: bd.Shape) -> bytes:
    stream = io.BytesIO()
    bd.export_step(shape, stream, unit=bd.Unit.MM, timestamp=STEP_TIMESTAMP)
    return stream.getvalue()


def shape_metrics(shape: bd.Shape, mesh: Mesh) -> dict[str, object]:
    box = shape.bounding_box()
    return {
        "bounding_box": {
            "min": [box.min.X, box.min.Y, box.min.Z],
            "max": [box.max.X, box.max.Y, box.max.Z],
            "size": [box.size.X, box.size.Y, box.size.Z],
        },
        "volume": shape.volume,
        "surface_area": shape.area,
        "solids": len(shape.solids()),
        "watertight": is_watertight(mesh),
        "triangles": mesh.triangle_count,
    }
