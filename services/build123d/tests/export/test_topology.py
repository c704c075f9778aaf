import math

import build123d as bd
import pytest

from app.export import topology


def plate() -> bd.Part:
    with bd.BuildPart() as part:
        bd.Box(60, 40, 10)
        with bd.GridLocations(30, 20, 2, 2):
            bd.Hole(3)
        with bd.Locations((0, 0, 5)):
            bd.Cylinder(6, 8, align=(bd.Align.CENTER, bd.Align.CENTER, bd.Align.MIN))
    return part.part


def test_when_a_box_is_described_then_each_face_has_its_plane_area_centre_and_outward_normal():
    faces = topology.describe_faces(bd.Box(10, 20, 30).faces())
    assert len(faces) == 6 and {f["type"] for f in faces} == {"plane"}
    for face in faces:
        axis = next(i for i, n in enumerate(face["normal"]) if abs(n) == 1)
        assert face["center"][axis] == pytest.approx(face["normal"][axis] * [5, 10, 15][axis])
        assert face["area"] == pytest.approx(math.prod(s for i, s in enumerate([10, 20, 30]) if i != axis))


def test_when_a_cylinder_is_described_then_its_side_has_axis_and_radius_and_its_rims_are_circles():
    cylinder = bd.Cylinder(5, 10)
    (side,) = [f for f in topology.describe_faces(cylinder.faces()) if f["type"] == "cylinder"]
    assert side["radius"] == pytest.approx(5) and [abs(a) for a in side["axis"]] == pytest.approx([0, 0, 1])
    circles = [e for e in topology.describe_edges(cylinder.edges()) if e["type"] == "circle"]
    assert len(circles) == 2 and all(e["radius"] == pytest.approx(5) for e in circles)
    assert sorted(e["center"][2] for e in circles) == pytest.approx([-5, 5])


def test_when_a_plate_has_holes_and_a_boss_then_they_are_counted_by_diameter():
    groups = topology.cylinder_groups(plate().faces())
    assert [(g["kind"], g["diameter"], g["count"]) for g in groups] == [("boss", 12.0, 1), ("hole", 6.0, 4)]


def test_when_a_box_edge_is_described_then_it_is_a_line_with_its_length_and_ends():
    edges = topology.describe_edges(bd.Box(10, 20, 30).edges())
    assert len(edges) == 12 and sorted(e["length"] for e in edges) == pytest.approx([10] * 4 + [20] * 4 + [30] * 4)
    assert all(e["type"] == "line" for e in edges)
