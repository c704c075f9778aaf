import hashlib
import io
import math
import struct

import build123d as bd
import lib3mf
import pygltflib
import pytest
import trimesh

from tests.conftest import BOX, Render, decoded, error_of

CYLINDER = "from build123d import *\nroot_part = Cylinder(radius=5, height=10)\n"
TWO_SOLIDS = "from build123d import *\nroot_part = Compound([Box(1, 1, 1), Pos(5, 0, 0) * Box(1, 1, 1)])\n"
SPHERE = "from build123d import *\nroot_part = Sphere(10)\n"


@pytest.fixture(scope="module")
def box_response(render: Render):
    response = render(BOX)
    assert response.status_code == 200, response.text
    return response


def test_when_a_box_is_rendered_then_every_format_is_returned_with_its_digest(box_response):
    files = box_response.json()["files"]
    assert list(files) == ["step", "stl", "3mf", "glb"]
    for fmt, entry in files.items():
        data = decoded(box_response, fmt)
        assert entry["bytes"] == len(data) > 0
        assert entry["sha256"] == hashlib.sha256(data).hexdigest()


def test_when_the_step_file_is_imported_then_its_volume_matches(box_response, tmp_path):
    path = tmp_path / "part.step"
    path.write_bytes(decoded(box_response, "step"))
    assert bd.import_step(path).volume == pytest.approx(6000, rel=1e-6)
    assert b"MILLI" in decoded(box_response, "step")


def test_when_the_stl_is_parsed_then_its_triangles_match_the_metrics(box_response):
    data = decoded(box_response, "stl")
    (count,) = struct.unpack_from("<I", data, 80)
    assert len(data) == 84 + 50 * count
    assert count == box_response.json()["metrics"]["triangles"] == 12
    mesh = trimesh.load(io.BytesIO(data), file_type="stl")
    assert mesh.is_watertight and mesh.volume == pytest.approx(6000, rel=1e-6)


def test_when_the_3mf_is_read_with_lib3mf_then_its_triangles_match_the_metrics(box_response):
    wrapper = lib3mf.get_wrapper()
    model = wrapper.CreateModel()
    model.QueryReader("3mf").ReadFromBuffer(list(decoded(box_response, "3mf")))
    meshes = model.GetMeshObjects()
    assert meshes.MoveNext()
    mesh = meshes.GetCurrentMeshObject()
    assert mesh.GetTriangleCount() == box_response.json()["metrics"]["triangles"]
    assert mesh.IsManifoldAndOriented()
    assert model.GetUnit() == lib3mf.ModelUnit.MilliMeter


def test_when_the_glb_is_read_then_it_is_y_up_in_metres_with_matching_triangles(box_response):
    gltf = pygltflib.GLTF2.load_from_bytes(decoded(box_response, "glb"))
    counts = [gltf.accessors[p.indices].count // 3 for p in gltf.meshes[0].primitives]
    assert sum(counts) == box_response.json()["metrics"]["triangles"]
    scene = trimesh.load(io.BytesIO(decoded(box_response, "glb")), file_type="glb", force="mesh")
    assert len(scene.faces) == 12
    # Box(10, 20, 30) is 30 mm tall along Z; in glTF that height lies along Y.
    assert scene.extents == pytest.approx([0.010, 0.030, 0.020], abs=1e-6)


def test_when_a_box_is_rendered_then_its_metrics_are_exact(box_response):
    metrics = box_response.json()["metrics"]
    assert metrics["volume"] == pytest.approx(6000)
    assert metrics["surface_area"] == pytest.approx(2200)
    assert metrics["bounding_box"]["size"] == pytest.approx([10, 20, 30])
    assert metrics["bounding_box"]["min"] == pytest.approx([-5, -10, -15])
    assert metrics["solids"] == 1
    assert metrics["watertight"] is True
    assert set(box_response.json()["timings"]) == {
        "queue_ms",
        "process_ms",
        "exec_ms",
        "export_ms",
        "preview_ms",
        "total_ms",
    }


def test_when_a_cylinder_is_rendered_then_volume_and_area_are_within_tolerance(render: Render):
    metrics = render(CYLINDER).json()["metrics"]
    assert metrics["volume"] == pytest.approx(math.pi * 25 * 10, rel=1e-6)
    assert metrics["surface_area"] == pytest.approx(2 * math.pi * 5 * 10 + 2 * math.pi * 25, rel=1e-6)
    assert metrics["bounding_box"]["size"] == pytest.approx([10, 10, 10], abs=1e-6)
    assert metrics["watertight"] is True


def test_when_a_compound_holds_two_solids_then_solids_is_two(render: Render):
    metrics = render(TWO_SOLIDS, formats=["stl"]).json()["metrics"]
    assert metrics["solids"] == 2
    assert metrics["volume"] == pytest.approx(2)


def test_when_root_part_is_a_buildpart_context_then_its_part_is_used(render: Render):
    code = "from build123d import *\nwith BuildPart() as root_part:\n    Box(2, 2, 2)\n"
    assert render(code, formats=["stl"]).json()["metrics"]["volume"] == pytest.approx(8)


def test_when_formats_are_chosen_then_only_those_are_returned(render: Render):
    response = render(BOX, formats=["glb", "stl", "glb"])
    assert list(response.json()["files"]) == ["glb", "stl"]


def test_when_quality_rises_then_the_mesh_gets_finer(render: Render):
    counts = [
        render(SPHERE, formats=["stl"], quality=q).json()["metrics"]["triangles"] for q in ("draft", "normal", "fine")
    ]
    assert counts[0] < counts[1] < counts[2]


def test_when_the_same_script_is_rendered_twice_then_the_files_are_identical(render: Render):
    first, second = (render(CYLINDER, formats=["step", "stl", "glb"]).json()["files"] for _ in range(2))
    assert {k: v["sha256"] for k, v in first.items()} == {k: v["sha256"] for k, v in second.items()}


def test_when_the_script_has_a_syntax_error_then_its_line_is_given(render: Render):
    error = error_of(render("from build123d import *\n\nroot_part = Box(1, 2\n"))
    assert error["type"] == "syntax"
    assert error["line"] == 3


def test_when_the_script_raises_then_the_user_line_and_only_user_frames_are_given(render: Render):
    code = "from build123d import *\n\ndef make(size):\n    return Box(size, size) * 2\n\nroot_part = make(3)\n"
    error = error_of(render(code))
    assert error["type"] == "runtime"
    assert error["line"] == 4
    assert "TypeError" in error["message"]
    assert 'File "<script>", line 6, in <module>' in error["traceback"]
    assert 'File "<script>", line 4, in make' in error["traceback"]
    assert error["traceback"].count("File ") == 2


def test_when_the_kernel_fails_then_the_line_of_the_call_is_given_without_library_paths(render: Render):
    code = "from build123d import *\nwith BuildPart() as p:\n    Box(2, 2, 2)\n    fillet(p.edges(), radius=5)\nroot_part = p.part\n"
    error = error_of(render(code))
    assert error["type"] == "runtime"
    assert error["line"] == 4
    for leak in ("site-packages", "/work/", ".venv", "app/sandbox"):
        assert leak not in error["traceback"] and leak not in error["message"]


@pytest.mark.parametrize(
    ("code", "words"),
    [
        ("x = 1\n", "did not define root_part"),
        ("root_part = None\n", "None"),
        ("root_part = 42\n", "int"),
        ("from build123d import *\nroot_part = Vertex(1, 2, 3)\n", "without any solid, face or edge"),
    ],
)
def test_when_root_part_is_missing_or_not_a_solid_then_no_result(render: Render, code, words):
    error = error_of(render(code))
    assert error["type"] == "no_result"
    assert words in error["message"]


def test_when_the_script_loops_forever_then_timeout_at_the_loop(render: Render):
    error = error_of(render("x = 0\nwhile True:\n    x += 1\n"))
    assert error["type"] == "timeout"
    assert error["line"] in (2, 3)
    assert render(BOX).status_code == 200


def test_when_the_script_allocates_too_much_then_memory(render: Render):
    error = error_of(render("data = bytearray(64 * 1024**3)\n"))
    assert error["type"] == "memory"
    assert error["line"] == 1


def test_when_the_script_imports_a_forbidden_module_then_forbidden_with_its_line(render: Render):
    error = error_of(render("import math\nimport os\n"))
    assert error["type"] == "forbidden"
    assert error["line"] == 2


def test_when_the_export_exceeds_the_output_cap_then_export(render: Render):
    code = "from build123d import *\nroot_part = Sphere(10) + Pos(30, 0, 0) * Torus(10, 3)\n"
    error = error_of(render(code, quality="fine"))
    assert error["type"] == "export"
    assert "output cap" in error["message"]


@pytest.mark.parametrize(
    "body",
    [
        {"formats": ["stl"]},
        {"code": 1},
        {"code": BOX, "formats": ["obj"]},
        {"code": BOX, "quality": "ultra"},
        {"code": BOX, "unexpected": True},
        {"code": BOX, "previews": {"size": 32}},
        {"code": BOX, "previews": {"views": ["side"]}},
        {"code": BOX, "caller": 7},
        ["not", "an", "object"],
    ],
)
def test_when_the_request_is_malformed_then_400_bad_request(client, body):
    response = client.post("/render/", json=body)
    assert response.status_code == 400
    assert response.json()["error"]["type"] == "bad_request"
    assert BOX not in response.text


def test_when_the_body_is_not_json_then_400_bad_request(client):
    response = client.post("/render/", content=b"{not json", headers={"content-type": "application/json"})
    assert response.status_code == 400
    assert response.json()["error"]["type"] == "bad_request"


def test_when_the_script_is_over_the_cap_then_413_too_large(render: Render):
    response = render("x = 1\n" + "#" * 20_000)
    assert response.status_code == 413
    assert response.json()["error"]["type"] == "too_large"


def test_when_the_body_is_far_over_the_cap_then_413_before_it_is_parsed(client):
    response = client.post(
        "/render/", content=b'{"code": "' + b"#" * 2_000_000 + b'"}', headers={"content-type": "application/json"}
    )
    assert response.status_code == 413
    assert response.json()["error"]["type"] == "too_large"


def test_when_a_chunked_body_grows_over_the_cap_then_413(client):
    chunks = (b'{"code": "' if i == 0 else b"#" * 65536 for i in range(40))
    response = client.post("/render/", content=chunks, headers={"content-type": "application/json"})
    assert response.status_code == 413
    assert response.json()["error"]["type"] == "too_large"
