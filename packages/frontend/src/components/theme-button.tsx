import { MoonIcon, SunIcon } from "lucide-react";
import type * as React from "react";
import { Button } from "@/components/ui/button";

/** The top bar's theme button: a sun in light mode, a moon in dark. */
function ThemeButton(props: React.ComponentProps<typeof Button>) {
  return (
    <Button variant="ghost" size="icon" aria-label="Change theme" aria-haspopup="menu" {...props}>
      <SunIcon className="dark:hidden" />
      <MoonIcon className="hidden dark:block" />
    </Button>
  );
}

export { ThemeButton };
