import type * as React from "react";
import { Input } from "@/components/ui/input";

/** An email field as browsers, password managers and phone keyboards expect it. */
function EmailInput(props: Omit<React.ComponentProps<typeof Input>, "type">) {
  return (
    <Input
      name="email"
      type="email"
      autoComplete="email"
      inputMode="email"
      autoCapitalize="none"
      spellCheck={false}
      placeholder="you@example.com"
      {...props}
    />
  );
}

export { EmailInput };
