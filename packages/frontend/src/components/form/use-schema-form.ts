import { zodResolver } from "@hookform/resolvers/zod";
import { useForm, type FieldValues, type UseFormProps } from "react-hook-form";
import type { core, z } from "zod";

type SchemaFormOptions<TInput extends FieldValues, TOutput extends FieldValues> = Omit<
  UseFormProps<TInput, unknown, TOutput>,
  "resolver"
> & {
  /** Passed to the schema's parse, e.g. `{ error }` to word a message the shared schema leaves generic. */
  parseOptions?: core.ParseContext<core.$ZodIssue>;
};

/**
 * A react-hook-form form validated by a zod schema (the shared one where the form sends it as is). Errors
 * show once the person submits and clear as they edit that field; every message of a field is kept.
 */
export function useSchemaForm<TInput extends FieldValues, TOutput extends FieldValues>(
  schema: z.ZodType<TOutput, TInput>,
  { parseOptions, ...options }: SchemaFormOptions<TInput, TOutput>,
) {
  return useForm<TInput, unknown, TOutput>({
    resolver: zodResolver(schema, parseOptions),
    mode: "onSubmit",
    reValidateMode: "onSubmit",
    criteriaMode: "all",
    ...options,
  });
}
