import type * as React from "react";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";

/** A form's full-width submit button that says what is happening while the request runs. */
function SubmitButton({
  pending,
  pendingLabel,
  children,
}: {
  pending: boolean;
  pendingLabel: string;
  children: React.ReactNode;
}) {
  return (
    <Button type="submit" size="lg" className="w-full" disabled={pending} aria-busy={pending}>
      {pending && <Spinner aria-hidden="true" />}
      {pending ? pendingLabel : children}
    </Button>
  );
}

export { SubmitButton };
