"""STEP from the exact shape; binary STL and 3MF from the shared tessellation, in millimetres and Z up."""

import ctypes
import io
import struct
from typing import Any

import build123d as bd
import lib3mf
import numpy as np

from app.export.mesh import Mesh

STL_TRIANGLE_BYTES = 50
# A fixed STEP header timestamp makes the same script produce byte-identical files.
STEP_TIMESTAMP = "2000-01-01T00:00:00"


def to_step(shape: bd.Shape[Any]) -> bytes:
    stream = io.BytesIO()
    bd.export_step(shape, stream, unit=bd.Unit.MM, timestamp=STEP_TIMESTAMP)
    return stream.getvalue()


def stl_size(mesh: Mesh) -> int:
    return 84 + mesh.triangle_count * STL_TRIANGLE_BYTES


def to_stl(mesh: Mesh) -> bytes:
    corners = mesh.positions[mesh.triangles]
    normals = np.cross(corners[:, 1] - corners[:, 0], corners[:, 2] - corners[:, 0])
    lengths = np.linalg.norm(normals, axis=1, keepdims=True)
    normals = np.divide(normals, lengths, out=np.zeros_like(normals), where=lengths > 0)
    record = np.dtype([("normal", "<f4", 3), ("corners", "<f4", (3, 3)), ("attribute", "<u2")])
    records = np.zeros(len(corners), dtype=record)
    records["normal"] = normals
    records["corners"] = corners
    header = b"Chat3D build123d binary STL, millimetres".ljust(80, b" ")
    return header + struct.pack("<I", len(records)) + records.tobytes()


class ThreeMFWriter:
    """lib3mf bound once in the zygote; geometry and output go through its C entry points because the Python
    wrapper copies them element by element, which is seconds for a large mesh."""

    def __init__(self) -> None:
        self._wrapper = lib3mf.get_wrapper()
        self._lib = self._wrapper.lib

    def write(self, mesh: Mesh) -> bytes:
        model = self._wrapper.CreateModel()
        model.SetUnit(lib3mf.ModelUnit.MilliMeter)
        mesh_object = model.AddMeshObject()
        mesh_object.SetName("root_part")
        vertices = np.ascontiguousarray(mesh.welded_positions, dtype="<f4")
        triangles = np.ascontiguousarray(mesh.welded_triangles, dtype="<u4")
        check = self._wrapper.checkError
        check(
            mesh_object,
            self._lib.lib3mf_meshobject_setgeometry(
                mesh_object._handle,
                ctypes.c_uint64(len(vertices)),
                (lib3mf.Position * len(vertices)).from_buffer_copy(vertices.tobytes()),
                ctypes.c_uint64(len(triangles)),
                (lib3mf.Triangle * len(triangles)).from_buffer_copy(triangles.tobytes()),
            ),
        )
        model.AddBuildItem(mesh_object, self._wrapper.GetIdentityTransform())
        writer = model.QueryWriter("3mf")
        needed = ctypes.c_uint64(0)
        check(writer, self._lib.lib3mf_writer_writetobuffer(writer._handle, ctypes.c_uint64(0), needed, None))
        buffer = (ctypes.c_uint8 * needed.value)()
        check(writer, self._lib.lib3mf_writer_writetobuffer(writer._handle, needed, needed, buffer))
        return bytes(buffer)
