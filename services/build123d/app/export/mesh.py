"""One tessellation of the shape that every mesh output is made from (STL, 3MF, GLB, previews), kept face by face
in build123d's face order (`shape.faces()[i]` is face i), so a triangle can be traced back to its face."""

from dataclasses import dataclass
from typing import Any

import build123d as bd
import numpy as np
from OCP.BRep import BRep_Tool
from OCP.BRepAdaptor import BRepAdaptor_Curve
from OCP.BRepLib import BRepLib_ToolTriangulatedShape
from OCP.BRepMesh import BRepMesh_IncrementalMesh
from OCP.BRepTools import BRepTools
from OCP.GCPnts import GCPnts_TangentialDeflection
from OCP.TopAbs import TopAbs_REVERSED
from OCP.TopLoc import TopLoc_Location

from app.models import Quality

# Linear deflection as a fraction of the bounding-box diagonal (so a part's triangle count does not depend on
# its size), and angular deflection in radians.
TESSELLATION: dict[Quality, tuple[float, float]] = {
    "draft": (2e-3, 0.5),
    "normal": (5e-4, 0.3),
    "fine": (1e-4, 0.15),
}

# Relative to the bounding-box diagonal; four orders of magnitude below the finest deflection.
WELD_TOLERANCE = 1e-8


@dataclass(frozen=True)
class Mesh:
    """Per-face vertices (kept apart so normals stay sharp at edges) with the triangles of face i at
    `triangles[face_triangles[i]:face_triangles[i + 1]]`, the same triangles over welded vertices for the
    closed-mesh formats, and the B-rep edges as polylines (previews draw them)."""

    positions: np.ndarray
    normals: np.ndarray
    triangles: np.ndarray
    face_triangles: np.ndarray
    face_vertices: np.ndarray
    welded_positions: np.ndarray
    welded_triangles: np.ndarray
    edges: list[np.ndarray]
    diagonal: float

    @property
    def triangle_count(self) -> int:
        return len(self.triangles)


def deflection(shape: bd.Shape[Any], quality: Quality) -> tuple[float, float, float]:
    """(linear deflection in mm, angular deflection in radians, bounding-box diagonal) for a shape."""
    relative, angular = TESSELLATION[quality]
    # Only a scale for the deflection: the quick, slightly loose box will do (the exact one can take a second).
    diagonal = shape.bounding_box(optimal=False).diagonal
    return max(diagonal * relative, 1e-6), angular, diagonal


def tessellate(shape: bd.Shape[Any], quality: Quality) -> Mesh:
    linear, angular, diagonal = deflection(shape, quality)
    BRepTools.Clean_s(shape.wrapped)
    BRepMesh_IncrementalMesh(shape.wrapped, linear, False, angular, False)

    positions: list[np.ndarray] = []
    normals: list[np.ndarray] = []
    triangles: list[np.ndarray] = []
    face_triangles, face_vertices = [0], [0]
    for face in shape.faces():
        points, face_normals, tris = _face_mesh(face.wrapped, face_vertices[-1])
        positions.append(points)
        normals.append(face_normals)
        triangles.append(tris)
        face_triangles.append(face_triangles[-1] + len(tris))
        face_vertices.append(face_vertices[-1] + len(points))

    points = np.concatenate(positions) if positions else np.zeros((0, 3))
    tris = np.concatenate(triangles) if triangles else np.zeros((0, 3), dtype=np.uint32)
    welded_points, welded, keep = _weld(points, tris, diagonal)
    kept_before = np.concatenate([[0], np.cumsum(keep)])
    return Mesh(
        positions=points,
        normals=np.concatenate(normals) if normals else np.zeros((0, 3)),
        triangles=tris[keep],
        face_triangles=kept_before[np.asarray(face_triangles)],
        face_vertices=np.asarray(face_vertices, dtype=np.int64),
        welded_positions=welded_points,
        welded_triangles=welded,
        edges=[_polyline(edge, linear, angular) for edge in shape.edges()],
        diagonal=diagonal,
    )


def _face_mesh(face: bd.Face, offset: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    location = TopLoc_Location()
    triangulation = BRep_Tool.Triangulation_s(face, location)
    if triangulation is None:
        return np.zeros((0, 3)), np.zeros((0, 3)), np.zeros((0, 3), dtype=np.uint32)
    if not triangulation.HasNormals():
        BRepLib_ToolTriangulatedShape.ComputeNormals_s(face, triangulation)
    transform = location.Transformation()
    sign = -1.0 if face.Orientation() == TopAbs_REVERSED else 1.0
    count = triangulation.NbNodes()
    points = np.empty((count, 3))
    normals = np.empty((count, 3))
    for i in range(count):
        point = triangulation.Node(i + 1).Transformed(transform)
        normal = triangulation.Normal(i + 1).Transformed(transform)
        points[i] = (point.X(), point.Y(), point.Z())
        normals[i] = (normal.X(), normal.Y(), normal.Z())
    tris = np.array([triangulation.Triangle(i).Get() for i in range(1, triangulation.NbTriangles() + 1)], dtype=np.int64)
    tris = tris.reshape(-1, 3) - 1 + offset
    if sign < 0:
        tris = tris[:, [0, 2, 1]]
    return points, normals * sign, tris.astype(np.uint32)


def _weld(points: np.ndarray, tris: np.ndarray, diagonal: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Adjacent faces share their edge nodes, but each face evaluates them on its own surface, so the copies
    differ in the last bits: weld on a grid far finer than any triangle; triangles that collapse are dropped
    (the mask tells which are kept)."""
    if len(points) == 0:
        return points, tris, np.zeros(0, dtype=bool)
    grid = max(diagonal * WELD_TOLERANCE, 1e-12)
    _, first, weld = np.unique(np.round(points / grid).astype(np.int64), axis=0, return_index=True, return_inverse=True)
    welded = weld.reshape(-1)[tris].astype(np.uint32)
    keep = (welded[:, 0] != welded[:, 1]) & (welded[:, 1] != welded[:, 2]) & (welded[:, 2] != welded[:, 0])
    return points[first], welded[keep], keep


def _polyline(edge: bd.Edge, linear: float, angular: float) -> np.ndarray:
    curve = BRepAdaptor_Curve(edge.wrapped)
    sampler = GCPnts_TangentialDeflection(curve, angular, linear)
    points = [sampler.Value(i) for i in range(1, sampler.NbPoints() + 1)]
    return np.array([(p.X(), p.Y(), p.Z()) for p in points], dtype=np.float64).reshape(-1, 3)


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
