import struct

import build123d as bd
import numpy as np

from app.export import formats
from app.export import mesh as meshing


def test_when_a_box_is_written_as_stl_then_normals_point_outwards():
    data = formats.to_stl(meshing.tessellate(bd.Box(10, 20, 30), "normal"))
    (count,) = struct.unpack_from("<I", data, 80)
    records = np.frombuffer(data, offset=84, dtype=np.dtype([("n", "<f4", 3), ("v", "<f4", (3, 3)), ("a", "<u2")]))
    assert count == len(records) == 12
    centroids = records["v"].mean(axis=1)
    assert (np.einsum("ij,ij->i", records["n"], centroids) > 0).all()
