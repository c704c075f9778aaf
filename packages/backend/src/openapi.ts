import { ApiErrorSchema, EmailTokenSchema } from "@chat3d/shared";
import { z } from "zod";
import type { RegisteredRoute } from "./lib/route-table.js";
import { TOKEN_HEADER } from "./lib/link-token.js";

const jsonSchema = (schema: z.ZodType, io: "input" | "output") => {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: "any" }) as Record<string, unknown>;
  return rest;
};

const properties = (schema: unknown) =>
  Object.entries((jsonSchema(schema as z.ZodType, "input").properties ?? {}) as Record<string, unknown>);

/** The OpenAPI 3.1 document of the routes as they are registered, with the zod schemas they validate with. */
export function buildOpenApiDocument(version: string, routes: RegisteredRoute[]) {
  const paths: Record<string, Record<string, unknown>> = {};
  const errorBody = { "application/json": { schema: jsonSchema(ApiErrorSchema, "output") } };
  for (const route of routes) {
    const parameters = [
      ...(route.params ? properties(route.params) : []).map(([name, schema]) => ({
        name,
        in: "path",
        required: true,
        schema,
      })),
      ...(route.query ? properties(route.query) : []).map(([name, schema]) => ({
        name,
        in: "query",
        required: false,
        schema,
      })),
      ...(route.tokenHeader
        ? [
            {
              name: TOKEN_HEADER,
              in: "header",
              required: route.tokenHeader === "required",
              schema: jsonSchema(EmailTokenSchema.shape.token, "input"),
            },
          ]
        : []),
    ];
    const responses: Record<string, unknown> = Object.fromEntries(
      Object.entries(route.responses).map(([status, response]) => {
        if (typeof response !== "string") {
          return [
            status,
            { description: "OK", content: { "application/json": { schema: jsonSchema(response, "output") } } },
          ];
        }
        const content =
          Number(status) >= 400
            ? errorBody
            : Number(status) < 300 && route.produces
              ? { [route.produces]: {} }
              : undefined;
        return [status, { description: response, ...(content && { content }) }];
      }),
    );
    // Every input the route reads can be refused: a missing or malformed token header, a body that is not multipart.
    if (route.params || route.query || route.body || route.tokenHeader || route.multipartFile)
      responses["400"] ??= { description: "invalid input", content: errorBody };
    if (route.access !== "public") responses["401"] ??= { description: "not signed in", content: errorBody };
    if (route.access === "admin") responses["403"] ??= { description: "not an admin", content: errorBody };
    (paths[route.fullPath] ??= {})[route.method] = {
      tags: [route.tag],
      summary: route.summary,
      ...(parameters.length && { parameters }),
      ...(route.multipartFile && {
        requestBody: {
          required: true,
          content: {
            "multipart/form-data": {
              schema: {
                type: "object",
                required: [route.multipartFile],
                properties: { [route.multipartFile]: { type: "string", format: "binary" } },
              },
            },
          },
        },
      }),
      ...(route.body !== undefined && {
        requestBody: {
          required: true,
          content: { "application/json": { schema: jsonSchema(route.body as z.ZodType, "input") } },
        },
      }),
      ...(route.access !== "public" && {
        security: [
          { cookie: [] },
          { bearer: [] },
          ...(route.scope === "session" ? [] : [{ accessToken: [route.scope] }]),
        ],
      }),
      // What a personal access token needs here; "session" means tokens are refused.
      "x-token-scope": route.scope,
      responses,
    };
  }
  return {
    openapi: "3.1.0",
    info: { title: "Chat3D API", version },
    components: {
      securitySchemes: {
        cookie: { type: "apiKey", in: "cookie", name: "chat3d_access" },
        bearer: { type: "http", scheme: "bearer", bearerFormat: "JWT" },
        accessToken: {
          type: "http",
          scheme: "bearer",
          bearerFormat: "c3d_pat_…",
          description: "A personal access token (Profile → Access tokens); its scopes are listed per operation.",
        },
      },
    },
    paths,
  };
}
