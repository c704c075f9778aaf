import type { FieldErrors } from "@chat3d/shared";
import { useCallback, useRef, useState } from "react";
import { flushSync } from "react-dom";
import { fieldErrorsFromIssues, hasFieldErrors, withoutField } from "@/lib/field-errors";

type Parsed<T> =
  | { success: true; data: T }
  | { success: false; error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] } };

type Send<T> = (data: T, options: { onError: (error: Error) => void }) => void;

/**
 * Field messages of a form, from the shared schema before sending and from the server after; showing them
 * moves focus to the first field that has one.
 */
export function useFieldErrors(fields: readonly string[]) {
  const formRef = useRef<HTMLFormElement>(null);
  const [errors, setErrors] = useState<FieldErrors>({});

  const show = useCallback((next: FieldErrors) => {
    flushSync(() => setErrors(next));
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, []);
  const clear = useCallback((field: string) => setErrors((current) => withoutField(current, field)), []);

  /** Sends the parsed input, or shows why it cannot be sent. */
  const submit = useCallback(
    <T>(parsed: Parsed<T>, send: Send<T>) => {
      if (!parsed.success) return show(fieldErrorsFromIssues(parsed.error.issues));
      setErrors({});
      send(parsed.data, {
        onError: (error) => {
          if (hasFieldErrors(error, fields)) show(error.fieldErrors);
        },
      });
    },
    [fields, show],
  );

  return { formRef, errors, clear, submit };
}
