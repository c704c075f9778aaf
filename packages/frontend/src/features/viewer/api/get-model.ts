import type { VersionFile } from "@chat3d/shared";
import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { useApiClient } from "@/lib/api-client-provider";
import { meshFromGlb, meshFromStl, type ModelMesh } from "../utils/model-mesh";

/** Fetches a file's bytes: the signed-in person's own, or a shared link's with its secret in a header. */
export type LoadFile = (fileId: string) => Promise<ArrayBuffer>;

export const modelMeshKey = (fileId: string | undefined) => ["viewer", "mesh", fileId] as const;

/** The given loader (a shared link's), else the signed-in person's file through the API client. */
export function useFileLoader(loadFile: LoadFile | undefined): LoadFile {
  const api = useApiClient();
  return useMemo(
    () => loadFile ?? ((fileId: string) => api.bytes(`/api/files/${encodeURIComponent(fileId)}`)),
    [api, loadFile],
  );
}

/** The GLB to draw, or the STL when a version has none. */
export function modelFileOf(files: VersionFile[]) {
  const model = (format: string) => files.find((f) => f.role === "model" && f.format === format);
  return model("glb") ?? model("stl");
}

export function useModelMesh(files: VersionFile[], load: LoadFile, enabled = true) {
  const file = modelFileOf(files);
  return useQuery({
    queryKey: modelMeshKey(file?.file_id),
    enabled: enabled && Boolean(file),
    // Files of a version never change; geometry is not data to compare.
    staleTime: Infinity,
    gcTime: 60_000,
    structuralSharing: false,
    retry: 1,
    queryFn: async (): Promise<ModelMesh> => {
      const data = await load(file!.file_id);
      return file!.role === "model" && file!.format === "glb" ? meshFromGlb(data) : meshFromStl(data);
    },
  });
}
