"""Reads a GLB the way a glTF loader does, checking the structure on the way (bounds, alignment, extensions)."""

import json
import struct
from dataclasses import dataclass

import numpy as np

_COMPONENTS = {5120: "<i1", 5121: "<u1", 5122: "<i2", 5123: "<u2", 5125: "<u4", 5126: "<f4"}
_WIDTH = {"SCALAR": 1, "VEC2": 2, "VEC3": 3, "VEC4": 4, "MAT4": 16}
_SUPPORTED_EXTENSIONS = {"KHR_mesh_quantization"}  # what three.js's GLTFLoader reads without a decoder


@dataclass
class Primitive:
    positions: np.ndarray  # metres, glTF's Y up, after the node's matrix
    normals: np.ndarray
    triangles: np.ndarray


def read_glb(data: bytes) -> tuple[dict, list[Primitive]]:
    magic, version, length = struct.unpack_from("<III", data)
    assert (magic, version, length) == (0x46546C67, 2, len(data))
    json_length, json_type = struct.unpack_from("<II", data, 12)
    assert json_type == 0x4E4F534A and json_length % 4 == 0
    document = json.loads(data[20 : 20 + json_length])
    bin_length, bin_type = struct.unpack_from("<II", data, 20 + json_length)
    assert bin_type == 0x004E4942 and bin_length % 4 == 0
    binary = data[28 + json_length : 28 + json_length + bin_length]
    assert document["asset"]["version"] == "2.0"
    assert set(document.get("extensionsRequired", [])) <= _SUPPORTED_EXTENSIONS
    assert set(document.get("extensionsRequired", [])) <= set(document.get("extensionsUsed", []))
    assert document["buffers"][0]["byteLength"] <= len(binary)
    for view in document["bufferViews"]:
        assert view["byteOffset"] % 4 == 0 and view["byteOffset"] + view["byteLength"] <= len(binary)

    def accessor(index: int) -> np.ndarray:
        meta = document["accessors"][index]
        view = document["bufferViews"][meta["bufferView"]]
        dtype = np.dtype(_COMPONENTS[meta["componentType"]])
        width = _WIDTH[meta["type"]]
        stride = view.get("byteStride", dtype.itemsize * width)
        assert stride % 4 == 0 or view.get("target") == 34963
        start = view["byteOffset"] + meta.get("byteOffset", 0)
        assert meta["count"] >= 1 and start % dtype.itemsize == 0
        end = start + stride * (meta["count"] - 1) + dtype.itemsize * width
        assert end <= view["byteOffset"] + view["byteLength"]
        rows = np.stack(
            [np.frombuffer(binary, dtype, width, start + i * stride) for i in range(meta["count"])]
        ).astype(np.float64)
        if meta.get("normalized"):
            rows = np.maximum(rows / np.iinfo(dtype).max, -1.0)
        if "min" in meta:
            assert np.all(rows >= np.array(meta["min"]) - 1e-9) and np.all(rows <= np.array(meta["max"]) + 1e-9)
        return rows

    (node,) = document["nodes"]
    matrix = np.array(node.get("matrix", np.eye(4).reshape(-1).tolist())).reshape(4, 4).T
    primitives = []
    for primitive in document["meshes"][node["mesh"]]["primitives"]:
        positions = accessor(primitive["attributes"]["POSITION"])
        normals = accessor(primitive["attributes"]["NORMAL"])
        triangles = accessor(primitive["indices"]).astype(np.int64).reshape(-1, 3)
        assert triangles.max() < len(positions)
        world = positions @ matrix[:3, :3].T + matrix[:3, 3]
        turned = normals @ matrix[:3, :3].T
        turned /= np.linalg.norm(turned, axis=1, keepdims=True)
        primitives.append(Primitive(world, turned, triangles))
    return document, primitives
