import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  RenderErrorResponseSchema,
  RenderRequestSchema,
  RenderManifestSchema,
} from "../../src/repositories/render.contract.js";

// The render service's own OpenAPI document (from its pydantic models) is the contract; the backend's zod
// schemas must describe exactly the same shapes, field by field.

type Json = Record<string, any>;
const document = JSON.parse(
  readFileSync(fileURLToPath(new URL("../../../../services/build123d/openapi.json", import.meta.url)), "utf8"),
) as Json;

/** A schema reduced to what both sides must agree on: kinds, fields, which are required, enum values. */
type Shape =
  | { kind: "object"; fields: Record<string, Shape>; required: string[]; nullable: boolean }
  | { kind: "map"; keys: string[] | null; values: Shape; nullable: boolean }
  | { kind: "array"; items: Shape; nullable: boolean }
  | { kind: "enum"; values: string[]; nullable: boolean }
  | { kind: "number" | "integer" | "string" | "boolean"; nullable: boolean };

function shape(schema: Json, defs: Json, nullable = false): Shape {
  if (schema.$ref) return shape(defs[schema.$ref.split("/").pop()]!, defs, nullable);
  const branches = (schema.anyOf ?? schema.oneOf) as Json[] | undefined;
  if (branches) {
    const rest = branches.filter((b) => b.type !== "null");
    const isNullable = nullable || rest.length < branches.length;
    if (rest.length === 1) return shape(rest[0]!, defs, isNullable);
    // A union of enums is one enum of all their values.
    const values = rest.flatMap((b) => shape(b, defs)).flatMap((s) => (s.kind === "enum" ? s.values : ["<non-enum>"]));
    return { kind: "enum", values: [...new Set(values)].sort(), nullable: isNullable };
  }
  if (Array.isArray(schema.type)) {
    const types = (schema.type as string[]).filter((t) => t !== "null");
    return shape(
      { ...schema, type: types.length === 1 ? types[0] : types },
      defs,
      nullable || types.length < schema.type.length,
    );
  }
  if (schema.enum) {
    const values = (schema.enum as unknown[]).filter((v) => v !== null);
    return {
      kind: "enum",
      values: (values as string[]).sort(),
      nullable: nullable || values.length < schema.enum.length,
    };
  }
  if (schema.const !== undefined) return { kind: "enum", values: [schema.const], nullable };
  if (schema.type === "object") {
    if (schema.properties && Object.keys(schema.properties).length) {
      return {
        kind: "object",
        fields: Object.fromEntries(Object.entries(schema.properties as Json).map(([k, v]) => [k, shape(v, defs)])),
        required: [...(schema.required ?? [])].sort(),
        nullable,
      };
    }
    return {
      kind: "map",
      keys: schema.propertyNames?.enum ? [...schema.propertyNames.enum].sort() : null,
      values: shape(schema.additionalProperties ?? {}, defs),
      nullable,
    };
  }
  if (schema.type === "array") return { kind: "array", items: shape(schema.items ?? {}, defs), nullable };
  return { kind: schema.type, nullable };
}

const service = (name: string) => shape(document.components.schemas[name], document.components.schemas);
const ours = (schema: z.ZodType, io: "input" | "output") => {
  const json = z.toJSONSchema(schema, { io, unrepresentable: "any", target: "draft-2020-12" }) as Json;
  return shape(json, (json.$defs ?? {}) as Json);
};

describe("the render service contract", () => {
  it("when the backend sends a render request, then its schema is the service's RenderRequest", () => {
    expect(ours(RenderRequestSchema, "input")).toEqual(service("RenderRequest"));
  });

  it("when the service answers 200, then the backend's schema is the service's RenderManifest, field by field", () => {
    expect(ours(RenderManifestSchema, "output")).toEqual(service("RenderManifest"));
    expect(document.paths["/render/"].post.responses["200"].content["multipart/mixed"].schema.$ref).toBe(
      "#/components/schemas/RenderManifest",
    );
  });

  it("when the service answers an error, then the backend's schema is the service's ErrorResponse", () => {
    expect(ours(RenderErrorResponseSchema, "output")).toEqual(service("ErrorResponse"));
  });

  it("when the document lists the answers of POST /render/, then every status the client handles is declared", () => {
    expect(Object.keys(document.paths["/render/"].post.responses).sort()).toEqual([
      "200",
      "400",
      "413",
      "422",
      "429",
      "503",
    ]);
  });
});
