import { useState } from "react";
import type { ThemeMenu } from "./theme-menu";
import { ThemeButton } from "./theme-button";

const loadMenu = () => import("./theme-menu");

/**
 * The theme menu, fetched when the person reaches for the button (pointer over it, focus) and put in place
 * when they press it: its menu machinery is not needed to paint a page, the sign-in page above all.
 */
function ThemeToggle() {
  const [Menu, setMenu] = useState<typeof ThemeMenu | null>(null);
  const [open, setOpen] = useState(false);

  if (Menu) return <Menu open={open} onOpenChange={setOpen} />;
  return (
    <ThemeButton
      onPointerEnter={() => void loadMenu()}
      onFocus={() => void loadMenu()}
      onClick={() =>
        void loadMenu().then(({ ThemeMenu }) => {
          setMenu(() => ThemeMenu);
          setOpen(true);
        })
      }
    />
  );
}

export { ThemeToggle };
