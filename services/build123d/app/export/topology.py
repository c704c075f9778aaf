"""Faces and edges described for the viewer (pick a face, snap to an edge) and for code that checks a part
against a brief (hole diameters, counts): millimetres, build123d's Z-up frame, in build123d's own order
(`shape.faces()[i]` is face i, `shape.edges()[i]` edge i)."""

from collections import defaultdict
from typing import Any

import build123d as bd
import numpy as np
from OCP.BRepAdaptor import BRepAdaptor_Curve, BRepAdaptor_Surface
from OCP.BRepGProp import BRepGProp
from OCP.GeomAbs import (
    GeomAbs_BezierSurface,
    GeomAbs_BSplineSurface,
    GeomAbs_Circle,
    GeomAbs_Cone,
    GeomAbs_Cylinder,
    GeomAbs_Line,
    GeomAbs_Plane,
    GeomAbs_Sphere,
    GeomAbs_Torus,
)
from OCP.GProp import GProp_GProps

# A huge model still gets a compact answer; the counts say how many there are in all.
MAX_FACES = 2000
MAX_EDGES = 4000
DIGITS = 6

_SURFACES = {
    GeomAbs_Plane: "plane",
    GeomAbs_Cylinder: "cylinder",
    GeomAbs_Cone: "cone",
    GeomAbs_Sphere: "sphere",
    GeomAbs_Torus: "torus",
    GeomAbs_BSplineSurface: "bspline",
    GeomAbs_BezierSurface: "bspline",
}
_CURVES = {GeomAbs_Line: "line", GeomAbs_Circle: "circle"}


def _xyz(value: Any) -> list[float]:
    return [round(float(value.X()), DIGITS), round(float(value.Y()), DIGITS), round(float(value.Z()), DIGITS)]


def _vector(value: bd.Vector) -> list[float]:
    return [round(value.X, DIGITS), round(value.Y, DIGITS), round(value.Z, DIGITS)]


def describe_faces(faces: list[bd.Face]) -> list[dict[str, Any]]:
    return [_face(index, face) for index, face in enumerate(faces[:MAX_FACES])]


def _face(index: int, face: bd.Face) -> dict[str, Any]:
    surface = BRepAdaptor_Surface(face.wrapped)
    kind = _SURFACES.get(surface.GetType(), "other")
    props = GProp_GProps()
    BRepGProp.SurfaceProperties_s(face.wrapped, props)
    record: dict[str, Any] = {
        "index": index,
        "type": kind,
        "area": round(props.Mass(), DIGITS),
        "center": _xyz(props.CentreOfMass()),
        "bbox_size": _vector(face.bounding_box(optimal=False).size),
    }
    if kind == "plane":
        record["normal"] = _vector(face.normal_at(0.5, 0.5))
    elif kind in ("cylinder", "cone"):
        geometry = surface.Cylinder() if kind == "cylinder" else surface.Cone()
        record["axis"] = _xyz(geometry.Axis().Direction())
        record["axis_point"] = _xyz(geometry.Location())
        record["radius"] = round(geometry.Radius() if kind == "cylinder" else geometry.RefRadius(), DIGITS)
    elif kind == "sphere":
        record["radius"] = round(surface.Sphere().Radius(), DIGITS)
    return record


def describe_edges(edges: list[bd.Edge]) -> list[dict[str, Any]]:
    return [_edge(index, edge) for index, edge in enumerate(edges[:MAX_EDGES])]


def _edge(index: int, edge: bd.Edge) -> dict[str, Any]:
    curve = BRepAdaptor_Curve(edge.wrapped)
    kind = _CURVES.get(curve.GetType(), "other")
    record: dict[str, Any] = {
        "index": index,
        "type": kind,
        "length": round(edge.length, DIGITS),
        "start": _vector(edge.position_at(0)),
        "end": _vector(edge.position_at(1)),
    }
    if kind == "circle":
        circle = curve.Circle()
        record["center"] = _xyz(circle.Location())
        record["radius"] = round(circle.Radius(), DIGITS)
        record["normal"] = _xyz(circle.Axis().Direction())
    return record


def cylinder_groups(faces: list[bd.Face]) -> list[dict[str, Any]]:
    """Cylindrical faces grouped by kind (a hole's surface faces its axis, a boss's faces away) and diameter.
    Faces on one axis with one radius are one feature (OpenCascade may split a hole in two halves), so
    `count` is the number of holes or bosses and `faces` lists their faces."""
    features: dict[tuple[str, float], dict[tuple[float, ...], list[int]]] = defaultdict(lambda: defaultdict(list))
    for index, face in enumerate(faces):
        surface = BRepAdaptor_Surface(face.wrapped)
        if surface.GetType() != GeomAbs_Cylinder:
            continue
        cylinder = surface.Cylinder()
        direction = np.array(_xyz(cylinder.Axis().Direction()))
        origin = np.array(_xyz(cylinder.Location()))
        point = np.array(_vector(face.position_at(0.5, 0.5)))
        normal = np.array(_vector(face.normal_at(0.5, 0.5)))
        radial = point - origin - np.dot(point - origin, direction) * direction
        kind = "hole" if np.dot(radial, normal) < 0 else "boss"
        diameter = round(2 * cylinder.Radius(), 4)
        features[(kind, diameter)][_axis_key(direction, origin)].append(index)
    return [
        {"kind": kind, "diameter": diameter, "count": len(axes), "faces": sorted(i for f in axes.values() for i in f)}
        for (kind, diameter), axes in sorted(features.items())
    ]


def _axis_key(direction: np.ndarray, origin: np.ndarray) -> tuple[float, ...]:
    """The same line whichever way its direction points and whichever of its points is given."""
    if direction[np.flatnonzero(np.abs(direction) > 1e-9)[0]] < 0:
        direction = -direction
    foot = origin - np.dot(origin, direction) * direction
    return tuple(np.round(np.concatenate([direction, foot]), 3).tolist())
