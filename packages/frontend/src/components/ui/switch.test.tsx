import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { Label } from "./label";
import { Switch } from "./switch";

describe("Switch", () => {
  it("when clicked or toggled with Space, then it flips and reports the new state", async () => {
    const user = userEvent.setup();
    const onCheckedChange = vi.fn();
    render(
      <div className="flex items-center gap-2">
        <Switch id="marketing" onCheckedChange={onCheckedChange} />
        <Label htmlFor="marketing">Product news by email</Label>
      </div>,
    );

    const toggle = screen.getByRole("switch", { name: "Product news by email" });
    expect(toggle).not.toBeChecked();

    await user.click(toggle);
    expect(toggle).toBeChecked();
    expect(onCheckedChange).toHaveBeenLastCalledWith(true);

    await user.keyboard(" ");
    expect(toggle).not.toBeChecked();
    expect(onCheckedChange).toHaveBeenLastCalledWith(false);
  });

  it("when its label is clicked, then it toggles too", async () => {
    render(
      <>
        <Switch id="notify" />
        <Label htmlFor="notify">Notify me</Label>
      </>,
    );

    await userEvent.click(screen.getByText("Notify me"));
    expect(screen.getByRole("switch", { name: "Notify me" })).toBeChecked();
  });

  it("when disabled, then it cannot be toggled", async () => {
    render(<Switch aria-label="Beta features" disabled />);

    await userEvent.click(screen.getByRole("switch", { name: "Beta features" }));
    expect(screen.getByRole("switch", { name: "Beta features" })).not.toBeChecked();
  });
});
