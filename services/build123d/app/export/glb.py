"""Binary glTF for the viewer: one primitive per B-rep face, in face order (primitive i is `shape.faces()[i]`),
so a click on a primitive names a face. Positions are 16-bit and normals 8-bit (KHR_mesh_quantization, which
three.js's GLTFLoader reads natively); the node's matrix undoes the quantisation and turns build123d's
millimetres, Z up, into glTF's metres, Y up."""

import json
import struct

import numpy as np

from app.export.mesh import Mesh

QUANTIZATION = "KHR_mesh_quantization"
_FLOAT, _BYTE, _UNSIGNED_SHORT, _UNSIGNED_INT = 5126, 5120, 5123, 5125
_ARRAY_BUFFER, _ELEMENT_ARRAY_BUFFER = 34962, 34963
_STEPS = 65535
# (x, y, z) in build123d -> (x, z, -y) in glTF, millimetres -> metres.
_TO_GLTF = np.array([[1, 0, 0], [0, 0, 1], [0, -1, 0]], dtype=np.float64) * 0.001


def to_glb(mesh: Mesh) -> bytes:
    low = mesh.positions.min(axis=0) if len(mesh.positions) else np.zeros(3)
    extent = float((mesh.positions.max(axis=0) - low).max()) if len(mesh.positions) else 0.0
    step = extent / _STEPS if extent > 0 else 1.0
    quantized = np.round((mesh.positions - low) / step).astype("<u2")
    # glTF wants every vertex attribute element on a 4-byte boundary: pad 6-byte positions and 3-byte normals.
    positions = np.zeros((len(quantized), 4), dtype="<u2")
    positions[:, :3] = quantized
    normals = np.zeros((len(mesh.normals), 4), dtype="<i1")
    normals[:, :3] = np.clip(np.round(mesh.normals * 127), -127, 127)
    wide = len(mesh.positions) > 65535
    # A face without triangles (degenerate) still gets its primitive, so primitive i stays face i; an accessor
    # cannot be empty, so such faces share one zero-area triangle after the others.
    empty = int(mesh.triangle_count) * 3
    indices = np.concatenate([mesh.triangles.reshape(-1), np.zeros(3, dtype=np.uint32)]).astype("<u4" if wide else "<u2")
    index_type, index_size = (_UNSIGNED_INT, 4) if wide else (_UNSIGNED_SHORT, 2)

    chunks = [positions.tobytes(), normals.tobytes(), indices.tobytes()]
    views, offset = [], 0
    for chunk, target, stride in zip(chunks, (_ARRAY_BUFFER, _ARRAY_BUFFER, _ELEMENT_ARRAY_BUFFER), (8, 4, None)):
        view = {"buffer": 0, "byteOffset": offset, "byteLength": len(chunk), "target": target}
        if stride:
            view["byteStride"] = stride
        views.append(view)
        offset += len(chunk) + (-len(chunk) % 4)
    binary = b"".join(chunk + b"\0" * (-len(chunk) % 4) for chunk in chunks)

    accessors: list[dict[str, object]] = [
        {
            "bufferView": 0,
            "componentType": _UNSIGNED_SHORT,
            "count": len(quantized),
            "type": "VEC3",
            "min": quantized.min(axis=0).tolist() if len(quantized) else [0, 0, 0],
            "max": quantized.max(axis=0).tolist() if len(quantized) else [0, 0, 0],
        },
        {"bufferView": 1, "componentType": _BYTE, "normalized": True, "count": len(normals), "type": "VEC3"},
    ]
    primitives = []
    for face, (start, end) in enumerate(zip(mesh.face_triangles[:-1], mesh.face_triangles[1:])):
        count = int(end - start) * 3
        accessors.append(
            {
                "bufferView": 2,
                "byteOffset": (int(start) * 3 if count else empty) * index_size,
                "componentType": index_type,
                "count": count or 3,
                "type": "SCALAR",
            }
        )
        primitives.append({"attributes": {"POSITION": 0, "NORMAL": 1}, "indices": 2 + face, "material": 0})

    linear = _TO_GLTF * step
    translation = _TO_GLTF @ low
    matrix = np.eye(4)
    matrix[:3, :3] = linear
    matrix[:3, 3] = translation
    document = {
        "asset": {"version": "2.0", "generator": "Chat3D build123d service"},
        "extensionsUsed": [QUANTIZATION],
        "extensionsRequired": [QUANTIZATION],
        "scene": 0,
        "scenes": [{"nodes": [0]}],
        "nodes": [{"mesh": 0, "name": "root_part", "matrix": matrix.T.reshape(-1).tolist()}],
        "materials": [
            {"pbrMetallicRoughness": {"baseColorFactor": [0.8, 0.8, 0.82, 1.0], "metallicFactor": 0.1, "roughnessFactor": 0.6}}
        ],
        "meshes": [{"name": "root_part", "primitives": primitives}],
        "accessors": accessors,
        "bufferViews": views,
        "buffers": [{"byteLength": len(binary)}],
    }
    json_chunk = json.dumps(document, separators=(",", ":")).encode()
    json_chunk += b" " * (-len(json_chunk) % 4)
    total = 12 + 8 + len(json_chunk) + 8 + len(binary)
    return b"".join(
        [
            struct.pack("<III", 0x46546C67, 2, total),
            struct.pack("<II", len(json_chunk), 0x4E4F534A),
            json_chunk,
            struct.pack("<II", len(binary), 0x004E4942),
            binary,
        ]
    )
