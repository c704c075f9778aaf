"""What a render returns beyond the mesh files: 2D drawings, previews, faces and holes, warnings."""

import base64
import io

import numpy as np
import pytest
from PIL import Image

from app.export.preview import BACKGROUND
from tests.conftest import BOX, Render, decoded, ok
from tests.export.gltf import read_glb
from tests.export.test_drawing import read_dxf, svg_paths

PLATE = """
from build123d import *
with BuildSketch() as plate:
    RectangleRounded(80, 50, 6)
    with GridLocations(60, 30, 2, 2):
        Circle(3, mode=Mode.SUBTRACT)
root_part = plate.sketch
"""
FLANGE = """
from build123d import *
with BuildPart() as part:
    Cylinder(radius=30, height=8)
    Hole(10)
    with PolarLocations(22, 6):
        Hole(3)
root_part = part.part
"""


def test_when_the_result_is_a_sketch_then_svg_and_dxf_come_back_with_area_and_perimeter(render: Render):
    response = render(PLATE)
    body = ok(response)
    assert body["kind"] == "2d" and list(body["files"]) == ["svg", "dxf"]
    document = read_dxf(decoded(response, "dxf"))
    assert sum(1 for e in document.modelspace() if e.dxftype() == "CIRCLE") == 4
    assert svg_paths(decoded(response, "svg"))
    metrics = body["metrics"]
    corner = 6
    outline = 80 * 50 - (4 - np.pi) * corner**2
    assert metrics["area"] == pytest.approx(outline - 4 * np.pi * 9, rel=1e-6)
    assert metrics["perimeter"] == pytest.approx(2 * (80 + 50) - 8 * corner + 2 * np.pi * corner + 4 * 2 * np.pi * 3, rel=1e-6)
    assert metrics["volume"] is None and metrics["solids"] == 0
    assert metrics["bounding_box"]["size"] == pytest.approx([80, 50, 0], abs=1e-6)


def test_when_3d_formats_are_asked_of_a_sketch_then_they_are_skipped_with_a_warning(render: Render):
    body = ok(render(PLATE, formats=["stl", "step", "glb", "3mf"]))
    assert list(body["files"]) == ["step", "glb"]
    assert body["warnings"] == [
        "stl does not apply to a 2d result and was skipped",
        "3mf does not apply to a 2d result and was skipped",
    ]


def test_when_svg_and_dxf_are_asked_of_a_solid_then_they_show_it_from_above(render: Render):
    response = render(FLANGE, formats=["dxf", "svg"])
    document = read_dxf(decoded(response, "dxf"))
    circles = [e for e in document.modelspace() if e.dxftype() == "CIRCLE"]
    # Hole takes a radius.
    assert sorted(round(c.dxf.radius, 6) for c in circles if c.dxf.layer == "visible") == [3] * 6 + [10, 30]
    assert svg_paths(decoded(response, "svg"))


def test_when_a_flange_is_rendered_then_its_holes_are_counted_by_diameter(render: Render):
    metrics = ok(render(FLANGE, formats=["stl"]))["metrics"]
    holes = {(g["diameter"], g["count"]) for g in metrics["cylinders"] if g["kind"] == "hole"}
    assert holes == {(6.0, 6), (20.0, 1)}
    assert metrics["face_count"] == len(metrics["faces"]) and not metrics["faces_truncated"]
    rims = [e for e in metrics["edges"] if e["type"] == "circle" and e["radius"] == pytest.approx(3)]
    assert len(rims) == 12 and all(abs(e["normal"][2]) == pytest.approx(1) for e in rims)


def test_when_a_box_is_rendered_then_its_glb_has_one_primitive_per_face_of_the_metrics(render: Render):
    response = render(BOX, formats=["glb"])
    _, primitives = read_glb(decoded(response, "glb"))
    faces = response.json()["metrics"]["faces"]
    assert len(primitives) == len(faces) == 6
    for primitive, face in zip(primitives, faces):
        corners = primitive.positions[primitive.triangles] * 1000
        area = np.linalg.norm(np.cross(corners[:, 1] - corners[:, 0], corners[:, 2] - corners[:, 0]), axis=1).sum() / 2
        assert area == pytest.approx(face["area"], rel=1e-3)


def image(entry: dict) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(base64.b64decode(entry["base64"]))).convert("RGB"), dtype=np.int16)


def drawn(entry: dict) -> float:
    """The share of pixels that are not background."""
    return float((np.abs(image(entry) - np.array(BACKGROUND) * 255).sum(axis=2) > 30).mean())


def test_when_previews_are_rendered_then_each_has_the_size_is_not_blank_and_differs_from_the_others(render):
    previews = ok(render(FLANGE, formats=["step"], previews={"size": 256}))["previews"]
    assert list(previews) == ["iso", "front", "top", "right"]
    for view, entry in previews.items():
        assert image(entry).shape == (256, 256, 3) and entry["width"] == entry["height"] == 256
        assert drawn(entry) > 0.05, view
    assert len({entry["sha256"] for entry in previews.values()}) == 4


def test_when_a_sketch_is_previewed_then_its_face_on_views_show_it(render):
    previews = ok(render(PLATE, previews={"size": 128}))["previews"]
    # Seen edge-on (front, right) a flat plate is a line; from above and at an angle it is the plate.
    assert drawn(previews["top"]) > 0.3 and drawn(previews["iso"]) > 0.1
    assert previews["top"]["sha256"] != previews["iso"]["sha256"]


def test_when_no_previews_field_is_sent_then_all_four_come_at_512_and_the_same_script_gives_the_same_images(client):
    first = ok(client.post("/render/", json={"code": BOX, "formats": ["stl"]}))["previews"]
    second = ok(client.post("/render/", json={"code": BOX, "formats": ["stl"], "previews": None}))["previews"]
    assert {v: (e["width"], e["height"]) for v, e in first.items()} == {v: (512, 512) for v in ("iso", "front", "top", "right")}
    assert {v: e["sha256"] for v, e in first.items()} == {v: e["sha256"] for v, e in second.items()}


def test_when_only_some_views_are_asked_then_only_those_come(render: Render):
    assert list(ok(render(BOX, formats=["stl"], previews={"views": ["top", "iso"], "size": 64}))["previews"]) == ["top", "iso"]
