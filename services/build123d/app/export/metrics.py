"""The numbers a result comes with: exact ones from the B-rep (volume, areas, bounding box, faces, edges,
holes) and the mesh's own (triangles, whether it is closed)."""

from typing import Any

import build123d as bd

from app.export import topology
from app.export.mesh import Mesh, is_watertight


def shape_metrics(shape: bd.Shape[Any], mesh: Mesh, kind: str) -> dict[str, Any]:
    box = shape.bounding_box()
    faces, edges = shape.faces(), shape.edges()
    metrics: dict[str, Any] = {
        "bounding_box": {
            "min": [box.min.X, box.min.Y, box.min.Z],
            "max": [box.max.X, box.max.Y, box.max.Z],
            "size": [box.size.X, box.size.Y, box.size.Z],
        },
        "volume": shape.volume if kind == "solid" else None,
        "surface_area": shape.area,
        "solids": len(shape.solids()),
        "watertight": is_watertight(mesh),
        "triangles": mesh.triangle_count,
        "face_count": len(faces),
        "edge_count": len(edges),
        "faces": topology.describe_faces(faces),
        "edges": topology.describe_edges(edges),
        "faces_truncated": len(faces) > topology.MAX_FACES,
        "edges_truncated": len(edges) > topology.MAX_EDGES,
        "cylinders": topology.cylinder_groups(faces),
    }
    if kind == "2d":
        metrics["area"] = sum(face.area for face in faces)
        metrics["perimeter"] = sum(edge.length for edge in edges)
    return metrics
