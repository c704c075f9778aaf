import { CONTROL_CHARACTER_MESSAGE, findControlCharacter, type TokenScope } from "@chat3d/shared";
import { setTimeout as delay } from "node:timers/promises";
import { Router, type Request, type Response } from "express";
import type { z } from "zod";
import type { User } from "../db/schema.js";
import { AppError } from "../errors.js";
import type { Logger } from "./logger.js";
import type { RateLimiter, RateLimitSpec } from "./rate-limiter.js";
import { parse } from "./validate.js";

export type Access = "public" | "user" | "admin";
/** What a personal access token needs for a route; "session" routes (sign-in, tokens, account changes) refuse tokens. */
export type RouteScope = TokenScope | "session";
export type Method = "get" | "post" | "patch" | "put" | "delete";

type Input<S> = S extends z.ZodType ? z.output<S> : Record<string, never>;

export interface RouteContext<P, Q, B, A extends Access> {
  params: Input<P>;
  query: Input<Q>;
  body: Input<B>;
  /** The signed-in user: always there on user and admin routes. */
  user: A extends "public" ? User | undefined : User;
  sessionId: A extends "public" ? string | undefined : string;
  ip: string | null;
  req: Request;
  res: Response;
}

/** A limit counted against a value of the validated request, e.g. the normalised email of a sign-in. */
export interface RouteLimit<C> {
  spec: RateLimitSpec;
  key: (ctx: C) => string | undefined;
}

export interface RouteDefinition<P, Q, B, A extends Access> {
  method: Method;
  /** Express syntax (`/users/:id`), relative to the table's prefix. */
  path: string;
  summary: string;
  access?: A;
  /** Default: admin routes "admin", reads "read", other methods "write" (or the table's default). */
  scope?: RouteScope;
  params?: P;
  query?: Q;
  body?: B;
  /** The request carries an email link's token in `X-Chat3D-Token`: always, or when the caller holds one. */
  tokenHeader?: "required" | "optional";
  /** The body is multipart/form-data with one file in this field, which the handler streams itself. */
  multipartFile?: string;
  limits?: Array<RouteLimit<RouteContext<P, Q, B, A>>>;
  /** Per status: the JSON body's schema, or a description (an error, or a body that is not JSON). */
  responses: Record<number, z.ZodType | string>;
  /** The media type of a success body the handler writes itself (a file, an event stream). */
  produces?: string;
  /** Returns the JSON body of the first 2xx status; a handler that writes the response itself returns nothing. */
  handle: (ctx: RouteContext<P, Q, B, A>) => Promise<unknown> | unknown;
}

export type RegisteredRoute = Omit<RouteDefinition<unknown, unknown, unknown, Access>, "handle" | "limits"> & {
  access: Access;
  scope: RouteScope;
  tag: string;
  /** The full path in OpenAPI syntax (`/api/admin/users/{id}`). */
  fullPath: string;
};

export interface RouteTableDeps {
  limiter: RateLimiter;
  logger: Logger;
  /** Check every JSON answer against its declared schema (tests and development). */
  validateResponses: boolean;
}

/** A handler's answer with another status than the route's first 2xx (it must be declared in `responses`). */
export class Reply {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {}
}

/** Refuses any string holding a control character no field accepts, wherever it sits in `input`. */
export function assertPrintable(input: unknown, where: string) {
  const path = findControlCharacter(input);
  if (path) throw AppError.validation({ [[where, ...path].join(".")]: [CONTROL_CHARACTER_MESSAGE] });
}

/** Refuses a personal access token that lacks `scope` (the REST routes and the MCP tools alike). */
export function checkTokenScope(scope: RouteScope, granted: TokenScope[]) {
  if (scope === "session") {
    throw new AppError(403, "session_required", "Sign in to do this: access tokens cannot.");
  }
  // Admin routes need the admin scope on top of whatever they read or change.
  if (!granted.includes(scope)) {
    throw new AppError(403, "insufficient_scope", `This access token lacks the "${scope}" scope.`);
  }
}

function parsePart<S>(schema: S | undefined, input: unknown, where: string): Input<S> {
  assertPrintable(input, where);
  return (schema ? parse(schema as unknown as z.ZodType, input ?? {}) : {}) as Input<S>;
}

/**
 * One resource's routes, each declared once: the schemas it validates with and answers with, its access
 * and limits. The table both registers them on its Express router and describes them for the OpenAPI
 * document, so the two cannot drift apart.
 */
export class RouteTable<D extends Access = Access> {
  readonly router = Router();
  readonly routes: RegisteredRoute[] = [];

  constructor(
    /** Where the router is mounted, e.g. `/api/admin`. */
    readonly prefix: string,
    private readonly defaults: { tag: string; access: D; scope?: RouteScope },
    private readonly deps: RouteTableDeps,
  ) {}

  add<P = undefined, Q = undefined, B = undefined, A extends Access = D>(
    definition: RouteDefinition<P, Q, B, A>,
  ): this {
    const { handle, limits = [], ...doc } = definition;
    const access: Access = definition.access ?? this.defaults.access;
    const scope: RouteScope =
      definition.scope ??
      this.defaults.scope ??
      (access === "admin" ? "admin" : doc.method === "get" ? "read" : "write");
    const success = Number(Object.keys(doc.responses).find((s) => s.startsWith("2")) ?? 200);
    this.routes.push({
      ...(doc as Omit<RouteDefinition<unknown, unknown, unknown, Access>, "handle" | "limits">),
      access,
      scope,
      tag: this.defaults.tag,
      fullPath: `${this.prefix}${doc.path === "/" ? "" : doc.path}`.replace(/:(\w+)/g, "{$1}"),
    });

    this.router[doc.method](doc.path, async (req, res) => {
      if (access !== "public" && !req.auth) throw AppError.unauthorized();
      if (access === "admin" && req.auth!.user.role !== "admin") throw AppError.forbidden();
      if (req.auth?.via === "token") checkTokenScope(scope, req.auth.scopes ?? []);
      const ctx = {
        params: parsePart(doc.params, req.params, "params"),
        query: parsePart(doc.query, req.query, "query"),
        body: parsePart(doc.body, req.body, "body"),
        user: req.auth?.user,
        sessionId: req.auth?.sessionId,
        ip: req.ip ?? null,
        req,
        res,
      } as RouteContext<P, Q, B, A>;
      const counted: string[] = [];
      for (const limit of limits) {
        const key = await this.hit(limit.spec, limit.key(ctx), req);
        if (key && limit.spec.failuresOnly) counted.push(key);
      }
      const result = await handle(ctx);
      // The handler succeeded: limits that count failures only take their hit back.
      await Promise.all(counted.map((key) => this.deps.limiter.giveBack(key)));
      // A handler that streams (a file, events) owns the response, even before its first byte is out.
      if (res.headersSent || res.writableEnded || (doc.produces && result === undefined)) return;
      const [status, body] = result instanceof Reply ? [result.status, result.body] : [success, result];
      if (status === 204) {
        res.status(204).end();
        return;
      }
      this.checkResponse(doc, status, body);
      res.status(status).json(body);
    });
    return this;
  }

  /** Counts one request against the limit; past it answers 429 (or answers late, for a slowing limit), and gives the counter's key. */
  private async hit(spec: RateLimitSpec, key: string | undefined, req: Request): Promise<string | undefined> {
    if (!key) return undefined;
    const counter = `${spec.name}:${key}`;
    const result = await this.deps.limiter.hit(counter, spec.limit, spec.windowMs);
    if (result.allowed) return counter;
    req.log.warn({ rule: spec.name }, "rate limit reached");
    if (spec.slowDownMs) {
      await delay(spec.slowDownMs);
      return counter;
    }
    throw AppError.tooManyRequests("Too many attempts. Wait a moment and try again.", result.retryAfterS);
  }

  private checkResponse(
    doc: { method: string; path: string; responses: Record<number, unknown> },
    status: number,
    body: unknown,
  ) {
    const schema = doc.responses[status];
    if (!schema)
      throw new Error(`${doc.method.toUpperCase()} ${this.prefix}${doc.path} answered an undeclared ${status}`);
    if (!this.deps.validateResponses || typeof schema === "string") return;
    const result = (schema as z.ZodType).safeParse(body);
    if (result.success) return;
    this.deps.logger.error(
      { route: `${doc.method.toUpperCase()} ${this.prefix}${doc.path}`, issues: result.error.issues },
      "response breaks its declared schema",
    );
    throw new Error(`${doc.method.toUpperCase()} ${this.prefix}${doc.path} answered a body that breaks its schema`);
  }
}
