import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { renderApp } from "@/testing/render-app";

describe("app shell", () => {
  it("when a keyboard user starts tabbing, then the first stop skips to the content", async () => {
    renderApp();

    await userEvent.tab();
    const skip = screen.getByRole("link", { name: "Skip to content" });
    expect(skip).toHaveFocus();
    expect(skip).toHaveAttribute("href", "#main");
    expect(screen.getByRole("main")).toHaveAttribute("id", "main");
  });

  it("when a visitor opens the home page, then a landing page offers the way in and the top bar has no workspace", async () => {
    renderApp();

    expect(
      await screen.findByRole("heading", { level: 1, name: "Describe a part. Get a CAD model." }),
    ).toBeInTheDocument();
    expect(screen.queryByRole("link", { name: "Workspace" })).not.toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Chat3D home" })).toHaveAttribute("href", "/");
  });

  it("when the address matches no page, then a 404 inside the shell leads back home", async () => {
    renderApp({ path: "/no/such/page" });

    expect(screen.getByRole("heading", { level: 1, name: "Page not found" })).toBeInTheDocument();
    expect(screen.getByText("/no/such/page")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Change theme" })).toBeInTheDocument();

    await userEvent.click(screen.getByRole("link", { name: "Back to home" }));
    expect(
      await screen.findByRole("heading", { level: 1, name: "Describe a part. Get a CAD model." }),
    ).toBeInTheDocument();
  });
});
