import json
import struct

import build123d as bd
import numpy as np
import pytest

from app import exporters


@pytest.fixture(scope="module")
def box_mesh() -> exporters.Mesh:
    return exporters.tessellate(bd.Box(10, 20, 30), "normal")


def test_when_a_box_is_tessellated_then_it_has_twelve_triangles_and_is_watertight(box_mesh):
    assert box_mesh.triangle_count == 12
    assert len(box_mesh.welded_positions) == 8
    assert exporters.is_watertight(box_mesh)


def test_when_a_face_is_tessellated_then_it_is_not_watertight():
    assert not exporters.is_watertight(exporters.tessellate(bd.Face(bd.Rectangle(1, 1).wire()), "normal"))


def test_when_triangles_are_wound_inconsistently_then_the_mesh_is_not_watertight(box_mesh):
    flipped = box_mesh.welded_triangles.copy()
    flipped[0] = flipped[0][::-1]
    broken = exporters.Mesh(
        box_mesh.positions, box_mesh.normals, box_mesh.triangles, box_mesh.welded_positions, flipped
    )
    assert not exporters.is_watertight(broken)


def test_when_a_box_is_written_as_stl_then_normals_point_outwards(box_mesh):
    data = exporters.to_stl(box_mesh)
    (count,) = struct.unpack_from("<I", data, 80)
    records = np.frombuffer(data, offset=84, dtype=np.dtype([("n", "<f4", 3), ("v", "<f4", (3, 3)), ("a", "<u2")]))
    assert count == len(records) == 12
    centroids = records["v"].mean(axis=1)
    assert (np.einsum("ij,ij->i", records["n"], centroids) > 0).all()


def test_when_a_box_is_written_as_glb_then_the_container_is_valid_and_y_up(box_mesh):
    data = exporters.to_glb(box_mesh)
    magic, version, length = struct.unpack_from("<III", data)
    assert (magic, version, length) == (0x46546C67, 2, len(data))
    json_length, json_type = struct.unpack_from("<II", data, 12)
    assert json_type == 0x4E4F534A and json_length % 4 == 0
    document = json.loads(data[20 : 20 + json_length])
    position = document["accessors"][0]
    assert np.subtract(position["max"], position["min"]) == pytest.approx([0.010, 0.030, 0.020])


@pytest.mark.parametrize("shape", [bd.Sphere(5), bd.Cylinder(2, 8), bd.Box(4, 4, 4) - bd.Cylinder(1, 4)])
def test_when_curved_solids_are_tessellated_then_the_mesh_is_closed(shape):
    assert exporters.is_watertight(exporters.tessellate(shape, "normal"))


def test_when_the_quality_is_finer_then_the_deflection_is_smaller():
    deflections = [exporters.TESSELLATION[q] for q in ("draft", "normal", "fine")]
    assert deflections == sorted(deflections, reverse=True)


def test_when_metrics_are_taken_then_they_come_from_the_shape_and_the_mesh(box_mesh):
    metrics = exporters.shape_metrics(bd.Box(10, 20, 30), box_mesh)
    assert metrics["volume"] == pytest.approx(6000)
    assert metrics["surface_area"] == pytest.approx(2200)
    assert metrics["triangles"] == 12 and metrics["solids"] == 1 and metrics["watertight"]
