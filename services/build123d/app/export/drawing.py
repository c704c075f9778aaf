"""SVG and DXF with build123d's own exporters: the outline of a 2D result as it is, or for a solid the view
from above (visible edges, and hidden ones dashed on their own layer)."""

import io
from typing import Any

import build123d as bd

Layers = list[tuple[str, list[bd.Shape[Any]], bd.LineType]]


def flat_layers(shape: bd.Shape[Any]) -> tuple[Layers, str | None]:
    """A 2D result's edges in the XY plane: one drawn on another plane is laid onto XY first; a non-planar one is
    drawn as its view from above, and the warning says so."""
    box = shape.bounding_box()
    if box.size.Z > 1e-6 * max(box.diagonal, 1e-9):
        faces = shape.faces()
        plane = _common_plane(faces)
        if plane is None:
            return [("outline", [shape], bd.LineType.CONTINUOUS)], "the 2D result is not planar: SVG and DXF show it seen from above"
        shape = plane.to_local_coords(shape)
    return [("outline", [shape], bd.LineType.CONTINUOUS)], None


def _common_plane(faces: list[bd.Face]) -> bd.Plane | None:
    if not faces or any(face.geom_type != bd.GeomType.PLANE for face in faces):
        return None
    plane = bd.Plane(faces[0])
    for face in faces[1:]:
        if abs(plane.z_dir.dot(face.normal_at())) < 1 - 1e-9 or abs(plane.to_local_coords(face.center()).Z) > 1e-6:
            return None
    return plane


def projected_layers(shape: bd.Shape[Any]) -> Layers:
    box = shape.bounding_box()
    center = box.center()
    eye = center + bd.Vector(0, 0, box.diagonal * 4 + 1)
    visible, hidden = shape.project_to_viewport(eye, viewport_up=(0, 1, 0), look_at=center)
    layers: Layers = [("visible", list(visible), bd.LineType.CONTINUOUS)]
    if hidden:
        layers.append(("hidden", list(hidden), bd.LineType.ISO_DASH))
    return layers


def to_svg(layers: Layers) -> bytes:
    return _write(bd.ExportSVG(unit=bd.Unit.MM, margin=2), layers)


def to_dxf(layers: Layers) -> bytes:
    return _write(bd.ExportDXF(unit=bd.Unit.MM), layers)


def _write(exporter: bd.ExportSVG | bd.ExportDXF, layers: Layers) -> bytes:
    for name, shapes, line_type in layers:
        exporter.add_layer(name, line_type=line_type)
        exporter.add_shape(shapes, layer=name)
    stream = io.BytesIO()
    exporter.write(stream)
    return stream.getvalue()
