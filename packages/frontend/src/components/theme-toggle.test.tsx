import { act, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { THEME_STORAGE_KEY } from "@/lib/theme";
import { setOsPrefersDark } from "@/testing/match-media";
import { renderApp } from "@/testing/render-app";

const html = document.documentElement;

async function chooseTheme(label: "Light" | "Dark" | "System") {
  const user = userEvent.setup();
  await user.click(screen.getByRole("button", { name: "Change theme" }));
  const menu = await screen.findByRole("menu");
  await user.click(within(menu).getByRole("menuitemradio", { name: label }));
}

describe("theme toggle", () => {
  it("when the person picks Dark, then the page turns dark and stays dark after a reload", async () => {
    const first = renderApp();
    expect(html).not.toHaveClass("dark");

    await chooseTheme("Dark");
    expect(html).toHaveClass("dark");
    expect(html.style.colorScheme).toBe("dark");
    expect(window.localStorage.getItem(THEME_STORAGE_KEY)).toBe("dark");

    first.unmount();
    html.className = "";
    renderApp();
    expect(html).toHaveClass("dark");
  });

  it("when left on System, then it follows the OS as it switches", async () => {
    renderApp();
    expect(html).not.toHaveClass("dark");

    act(() => setOsPrefersDark(true));
    expect(html).toHaveClass("dark");
    act(() => setOsPrefersDark(false));
    expect(html).not.toHaveClass("dark");
  });

  it("when Light is picked on a dark OS, then the choice wins over the OS", async () => {
    setOsPrefersDark(true);
    renderApp();
    expect(html).toHaveClass("dark");

    await chooseTheme("Light");
    expect(html).not.toHaveClass("dark");
    expect(window.localStorage.getItem(THEME_STORAGE_KEY)).toBe("light");

    await chooseTheme("System");
    expect(html).toHaveClass("dark");
    expect(screen.queryByRole("menu")).not.toBeInTheDocument();
  });
});
