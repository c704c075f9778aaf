import { BufferAttribute, BufferGeometry, Matrix4, Mesh, Vector3, type Object3D } from "three";
import { GLTFLoader } from "three/examples/jsm/loaders/GLTFLoader.js";
import { STLLoader } from "three/examples/jsm/loaders/STLLoader.js";
import { acceleratedRaycast, MeshBVH } from "three-mesh-bvh";

// Picking and snapping cast a ray per frame the pointer moves: against a BVH, not every triangle.
Mesh.prototype.raycast = acceleratedRaycast;

/** Bounds and the BVH; `indirect` keeps the index in face order, so a hit's triangle still names its face. */
function prepare(geometry: BufferGeometry) {
  geometry.computeBoundingBox();
  geometry.computeBoundingSphere();
  geometry.boundsTree = new MeshBVH(geometry, { indirect: true });
}

/**
 * A model ready to draw and measure: one geometry in the model's own frame (millimetres, Z up), and for a GLB
 * the triangles of each B-rep face, so a triangle names its face.
 */
export type ModelMesh = {
  geometry: BufferGeometry;
  /** Face i covers triangles faceStart[i] … faceStart[i + 1] - 1; null for an STL (no faces). */
  faceStart: Uint32Array | null;
  /** The face of each triangle; null for an STL. */
  faceOfTriangle: Uint32Array | null;
  /** Boundary edges of the faces (the B-rep edges as drawn), as segment pairs of points. */
  edges: Float32Array;
  triangles: number;
};

// glTF's metres, Y up, back to the model's millimetres, Z up: (x, y, z) -> (x, -z, y) × 1000.
const GLTF_TO_MODEL = new Matrix4().set(1000, 0, 0, 0, 0, 0, -1000, 0, 0, 1000, 0, 0, 0, 0, 0, 1);

function meshesOf(root: Object3D): Mesh[] {
  const meshes: Mesh[] = [];
  root.updateMatrixWorld(true);
  root.traverse((object) => {
    if ((object as Mesh).isMesh) meshes.push(object as Mesh);
  });
  return meshes;
}

/** Reads the render service's GLB: one primitive per face, in face order, sharing one quantised vertex array. */
export async function meshFromGlb(data: ArrayBuffer): Promise<ModelMesh> {
  const gltf = await new GLTFLoader().parseAsync(data, "");
  const meshes = meshesOf(gltf.scene);
  const first = meshes[0];
  if (!first) throw new Error("The GLB holds no mesh.");
  const toModel = GLTF_TO_MODEL.clone().multiply(first.matrixWorld);
  const source = first.geometry.getAttribute("position");
  const positions = new Float32Array(source.count * 3);
  const point = new Vector3();
  for (let i = 0; i < source.count; i++) {
    point.fromBufferAttribute(source, i).applyMatrix4(toModel);
    positions.set([point.x, point.y, point.z], i * 3);
  }
  const sourceNormals = first.geometry.getAttribute("normal");
  const normals = new Float32Array(source.count * 3);
  if (sourceNormals) {
    const normalMatrix = new Matrix4().extractRotation(toModel);
    for (let i = 0; i < sourceNormals.count; i++) {
      point.fromBufferAttribute(sourceNormals, i).applyMatrix4(normalMatrix).normalize();
      normals.set([point.x, point.y, point.z], i * 3);
    }
  }

  const faceStart = new Uint32Array(meshes.length + 1);
  let total = 0;
  for (const [i, mesh] of meshes.entries()) {
    faceStart[i] = total;
    total += (mesh.geometry.index?.count ?? 0) / 3;
  }
  faceStart[meshes.length] = total;
  const index = new Uint32Array(total * 3);
  const faceOfTriangle = new Uint32Array(total);
  for (const [i, mesh] of meshes.entries()) {
    const source = mesh.geometry.index;
    if (!source) continue;
    index.set(source.array as ArrayLike<number>, faceStart[i]! * 3);
    faceOfTriangle.fill(i, faceStart[i]!, faceStart[i + 1]!);
  }

  const geometry = new BufferGeometry();
  geometry.setAttribute("position", new BufferAttribute(positions, 3));
  geometry.setAttribute("normal", new BufferAttribute(normals, 3));
  geometry.setIndex(new BufferAttribute(index, 1));
  prepare(geometry);
  for (const mesh of meshes) mesh.geometry.dispose();
  // The quantised integers name a position exactly: equal integers, one point.
  const ids = weldedIds(source.count, (i) => (source.getX(i) * 65536 + source.getY(i)) * 65536 + source.getZ(i));
  const edges = faceBoundaries(positions, index, faceStart, ids);
  return { geometry, faceStart, faceOfTriangle, edges, triangles: total };
}

/** A binary STL (millimetres, Z up): no faces to point at, edges where the surface folds. */
export function meshFromStl(data: ArrayBuffer): ModelMesh {
  const geometry = new STLLoader().parse(data);
  const positions = geometry.getAttribute("position").array as Float32Array;
  const triangles = positions.length / 9;
  const index = new Uint32Array(triangles * 3).map((_, i) => i);
  prepare(geometry);
  return {
    geometry,
    faceStart: null,
    faceOfTriangle: null,
    edges: foldEdges(positions, index, 0.5),
    triangles,
  };
}

/**
 * Calls `visit` for each edge of triangles `from`…`to`, keyed by its welded end points (so the same edge of two
 * triangles gets one key); edges that weld to a point are skipped.
 */
function forEachEdge(
  index: Uint32Array,
  ids: Uint32Array,
  from: number,
  to: number,
  visit: (key: number, a: number, b: number, triangle: number) => void,
) {
  for (let t = from; t < to; t++) {
    for (let k = 0; k < 3; k++) {
      const a = index[t * 3 + k]!;
      const b = index[t * 3 + ((k + 1) % 3)]!;
      const [ia, ib] = [ids[a]!, ids[b]!];
      if (ia === ib) continue;
      visit(ia < ib ? ia * 4_294_967_296 + ib : ib * 4_294_967_296 + ia, a, b, t);
    }
  }
}

/** One id per distinct position (vertices of neighbouring faces are separate copies with their own normals). */
function weldedIds(count: number, keyOf: (i: number) => number | string): Uint32Array {
  const ids = new Uint32Array(count);
  const seen = new Map<number | string, number>();
  for (let i = 0; i < count; i++) {
    const key = keyOf(i);
    let id = seen.get(key);
    if (id === undefined) seen.set(key, (id = seen.size));
    ids[i] = id;
  }
  return ids;
}

const byPosition = (positions: Float32Array) => (i: number) =>
  `${positions[i * 3]!.toFixed(3)},${positions[i * 3 + 1]!.toFixed(3)},${positions[i * 3 + 2]!.toFixed(3)}`;

/** Segments used by exactly one triangle of their face: the face's outline, which is where its B-rep edges lie. */
export function faceBoundaries(
  positions: Float32Array,
  index: Uint32Array,
  faceStart: Uint32Array,
  ids: Uint32Array,
): Float32Array {
  const out: number[] = [];
  for (let face = 0; face + 1 < faceStart.length; face++) {
    const counts = new Map<number, { a: number; b: number; n: number }>();
    forEachEdge(index, ids, faceStart[face]!, faceStart[face + 1]!, (key, a, b) => {
      const entry = counts.get(key);
      if (entry) entry.n++;
      else counts.set(key, { a, b, n: 1 });
    });
    for (const { a, b, n } of counts.values()) {
      if (n !== 1) continue;
      out.push(positions[a * 3]!, positions[a * 3 + 1]!, positions[a * 3 + 2]!);
      out.push(positions[b * 3]!, positions[b * 3 + 1]!, positions[b * 3 + 2]!);
    }
  }
  return new Float32Array(out);
}

/** For meshes without faces: segments whose two triangles meet at more than `angle` radians, or that are open. */
function foldEdges(positions: Float32Array, index: Uint32Array, angle: number): Float32Array {
  const ids = weldedIds(positions.length / 3, byPosition(positions));
  const normal = (t: number) => {
    const p = (k: number) => new Vector3().fromArray(positions, index[t * 3 + k]! * 3);
    const [a, b, c] = [p(0), p(1), p(2)];
    return b.sub(a).cross(c.sub(a)).normalize();
  };
  const edges = new Map<number, { a: number; b: number; t: number[] }>();
  forEachEdge(index, ids, 0, index.length / 3, (key, a, b, t) => {
    const entry = edges.get(key);
    if (entry) entry.t.push(t);
    else edges.set(key, { a, b, t: [t] });
  });
  const cos = Math.cos(angle);
  const out: number[] = [];
  for (const { a, b, t } of edges.values()) {
    if (t.length === 2 && normal(t[0]!).dot(normal(t[1]!)) > cos) continue;
    out.push(...positions.subarray(a * 3, a * 3 + 3), ...positions.subarray(b * 3, b * 3 + 3));
  }
  return new Float32Array(out);
}
