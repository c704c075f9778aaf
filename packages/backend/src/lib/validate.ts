import type { FieldErrors } from "@chat3d/shared";
import type { z } from "zod";
import { AppError } from "../errors.js";

/** Parses input with a shared schema; failures become a 400 naming each field. */
export function parse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const details: FieldErrors = {};
  for (const issue of result.error.issues) {
    const key = issue.path.join(".") || "_";
    (details[key] ??= []).push(issue.message);
  }
  throw AppError.validation(details);
}
