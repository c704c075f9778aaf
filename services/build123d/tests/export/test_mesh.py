import build123d as bd
import pytest

from app.export import mesh as meshing


@pytest.fixture(scope="module")
def box_mesh() -> meshing.Mesh:
    return meshing.tessellate(bd.Box(10, 20, 30), "normal")


def test_when_a_box_is_tessellated_then_it_has_twelve_triangles_two_per_face_and_is_watertight(box_mesh):
    assert box_mesh.triangle_count == 12
    assert list(box_mesh.face_triangles) == [0, 2, 4, 6, 8, 10, 12]
    assert len(box_mesh.welded_positions) == 8
    assert meshing.is_watertight(box_mesh)
    assert len(box_mesh.edges) == 12


def test_when_a_face_is_tessellated_then_it_is_not_watertight():
    assert not meshing.is_watertight(meshing.tessellate(bd.Face(bd.Rectangle(1, 1).wire()), "normal"))


def test_when_triangles_are_wound_inconsistently_then_the_mesh_is_not_watertight(box_mesh):
    flipped = box_mesh.welded_triangles.copy()
    flipped[0] = flipped[0][::-1]
    broken = meshing.Mesh(**{**box_mesh.__dict__, "welded_triangles": flipped})
    assert not meshing.is_watertight(broken)


@pytest.mark.parametrize("shape", [bd.Sphere(5), bd.Cylinder(2, 8), bd.Box(4, 4, 4) - bd.Cylinder(1, 4)])
def test_when_curved_solids_are_tessellated_then_the_mesh_is_closed(shape):
    assert meshing.is_watertight(meshing.tessellate(shape, "normal"))


def test_when_the_quality_is_finer_then_the_deflection_is_smaller():
    deflections = [meshing.TESSELLATION[q] for q in ("draft", "normal", "fine")]
    assert deflections == sorted(deflections, reverse=True)


def test_when_a_wire_is_tessellated_then_it_has_edges_and_no_triangles():
    wire = meshing.tessellate(bd.Helix(4, 8, 2), "normal")
    assert wire.triangle_count == 0 and len(wire.edges) == 1 and len(wire.edges[0]) > 10
