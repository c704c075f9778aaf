import { PasswordSchema } from "@chat3d/shared";
import { CheckIcon, DotIcon } from "lucide-react";
import { cn } from "@/lib/utils";

// Each rule is met when the shared schema no longer reports its message, so the list cannot drift from it.
const RULES = [
  { label: "At least 10 characters", message: "Use at least 10 characters." },
  { label: "Not a common password", message: "This password is too common; choose another." },
  { label: "At least 4 different characters", message: "Use a less repetitive password." },
] as const;

function unmetMessages(password: string): Set<string> {
  const result = PasswordSchema.safeParse(password);
  return new Set(result.success ? [] : result.error.issues.map((issue) => issue.message));
}

/** The shared password rules, shown before anyone types, each ticked off as the password meets it. */
function PasswordRules({ password }: { password: string }) {
  const unmet = unmetMessages(password);
  return (
    <span data-slot="password-rules" className="grid gap-1">
      {RULES.map(({ label, message }) => {
        const met = password !== "" && !unmet.has(message);
        return (
          <span key={label} className={cn("flex items-center gap-1.5", met && "text-success")}>
            {met ? (
              <CheckIcon aria-hidden="true" className="size-4 shrink-0" />
            ) : (
              <DotIcon aria-hidden="true" className="size-4 shrink-0" />
            )}
            {label}
            {met && <span className="sr-only"> (done)</span>}
            <span className="sr-only">.</span>
          </span>
        );
      })}
    </span>
  );
}

export { PasswordRules };
