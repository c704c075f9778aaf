import tempfile
from pathlib import Path

import build123d as bd
import ezdxf
import svgpathtools

from app.export import drawing


def read_dxf(data: bytes) -> ezdxf.document.Drawing:
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "out.dxf"
        path.write_bytes(data)
        return ezdxf.readfile(path)


def svg_paths(data: bytes) -> list:
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "out.svg"
        path.write_bytes(data)
        return svgpathtools.svg2paths(str(path))[0]


def test_when_a_sketch_is_drawn_then_the_dxf_rereads_with_its_circle_and_the_svg_has_paths():
    sketch = bd.Circle(10) - bd.Rectangle(4, 4)
    layers, warning = drawing.flat_layers(sketch)
    assert warning is None
    document = read_dxf(drawing.to_dxf(layers))
    kinds = {entity.dxftype() for entity in document.modelspace()}
    assert "CIRCLE" in kinds and "LINE" in kinds
    segments = [type(segment).__name__ for path in svg_paths(drawing.to_svg(layers)) for segment in path]
    assert segments.count("Arc") == 2 and segments.count("Line") == 4


def test_when_a_sketch_lies_on_another_plane_then_it_is_laid_onto_xy():
    sketch = bd.Plane.XZ * bd.Rectangle(30, 10)
    layers, warning = drawing.flat_layers(sketch)
    assert warning is None
    xs = [p.real for path in svg_paths(drawing.to_svg(layers)) for segment in path for p in (segment.start, segment.end)]
    assert max(xs) - min(xs) == 30


def test_when_a_solid_is_drawn_then_its_top_view_has_visible_and_hidden_layers():
    part = bd.Box(20, 20, 10) - bd.Pos(0, 0, -2) * bd.Cylinder(4, 6)
    layers = drawing.projected_layers(part)
    assert [name for name, _, _ in layers] == ["visible", "hidden"]
    document = read_dxf(drawing.to_dxf(layers))
    assert {layer.dxf.name for layer in document.layers} >= {"visible", "hidden"}
    assert svg_paths(drawing.to_svg(layers))
