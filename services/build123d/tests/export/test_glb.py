import build123d as bd
import numpy as np
import pytest

from app.export import formats, glb, metrics
from app.export import mesh as meshing
from tests.export.gltf import read_glb

# glTF is Y up: build123d's (x, y, z) is glTF's (x, z, -y), and metres rather than millimetres.
TO_GLTF = np.array([[1, 0, 0], [0, 0, 1], [0, -1, 0]])


def test_when_a_box_is_written_then_its_six_face_primitives_match_the_six_faces_of_the_metrics():
    box = bd.Box(10, 20, 30)
    tessellated = meshing.tessellate(box, "normal")
    document, primitives = read_glb(glb.to_glb(tessellated))
    faces = metrics.shape_metrics(box, tessellated, "solid")["faces"]
    assert len(primitives) == len(faces) == 6
    assert document["extensionsRequired"] == ["KHR_mesh_quantization"]
    for primitive, face in zip(primitives, faces):
        corners = primitive.positions[primitive.triangles]
        area = np.linalg.norm(np.cross(corners[:, 1] - corners[:, 0], corners[:, 2] - corners[:, 0]), axis=1).sum() / 2
        assert area * 1e6 == pytest.approx(face["area"], rel=1e-3)
        # The primitives share one vertex array; each draws its own vertices.
        used = np.unique(primitive.triangles)
        assert np.allclose(primitive.normals[used], TO_GLTF @ np.array(face["normal"]), atol=0.02)
        assert np.allclose(primitive.positions[used].mean(axis=0) * 1000, TO_GLTF @ np.array(face["center"]), atol=0.01)


def test_when_a_part_has_curved_faces_then_the_glb_is_much_smaller_than_the_stl():
    part = bd.Cylinder(20, 10) - bd.Cylinder(5, 10)
    tessellated = meshing.tessellate(part, "normal")
    assert len(glb.to_glb(tessellated)) / len(formats.to_stl(tessellated)) <= 0.5


def test_when_a_face_has_no_triangles_then_it_still_has_its_primitive():
    tessellated = meshing.tessellate(bd.Box(1, 1, 1), "normal")
    emptied = np.concatenate([[0], tessellated.face_triangles[1:] - 2])
    trimmed = meshing.Mesh(**{**tessellated.__dict__, "triangles": tessellated.triangles[2:], "face_triangles": emptied})
    _, primitives = read_glb(glb.to_glb(trimmed))
    assert len(primitives) == 6
    assert np.ptp(primitives[0].positions[primitives[0].triangles], axis=1).max() == 0
