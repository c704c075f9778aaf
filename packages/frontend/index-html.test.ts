import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { beforeEach, describe, expect, it } from "vitest";
import { THEME_STORAGE_KEY } from "./src/lib/theme";
import { setOsPrefersDark } from "./src/testing/match-media";

const read = (file: string) => readFileSync(new URL(file, import.meta.url), "utf8");
const themeScript = /<script>([\s\S]*?)<\/script>/.exec(read("./index.html"))?.[1] ?? "";
const runThemeScript = () => new Function(themeScript)();

describe("index.html theme script", () => {
  beforeEach(() => {
    document.documentElement.className = "";
  });

  it("when a dark theme is stored, then the page is dark before React starts", () => {
    window.localStorage.setItem(THEME_STORAGE_KEY, "dark");
    runThemeScript();
    expect(document.documentElement).toHaveClass("dark");
    expect(document.documentElement.style.colorScheme).toBe("dark");
  });

  it("when nothing is stored, then it follows the OS, and a stored light choice beats a dark OS", () => {
    setOsPrefersDark(true);
    runThemeScript();
    expect(document.documentElement).toHaveClass("dark");

    window.localStorage.setItem(THEME_STORAGE_KEY, "light");
    runThemeScript();
    expect(document.documentElement).not.toHaveClass("dark");
  });

  it("when nginx serves it, then the Content-Security-Policy allows exactly this inline script", () => {
    const hash = createHash("sha256").update(themeScript).digest("base64");
    expect(read("./nginx.conf"), `nginx.conf's script-src needs 'sha256-${hash}'`).toContain(`'sha256-${hash}'`);
  });
});
