import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type * as React from "react";
import { describe, expect, it, vi } from "vitest";
import { Button } from "./button";

describe("Button", () => {
  it("when given a variant and size, then the button carries their styles", () => {
    render(
      <>
        <Button>Save</Button>
        <Button variant="destructive" size="sm">
          Delete
        </Button>
        <Button variant="outline">Cancel</Button>
      </>,
    );

    const save = screen.getByRole("button", { name: "Save" });
    const remove = screen.getByRole("button", { name: "Delete" });
    expect(save).toHaveAttribute("data-variant", "default");
    expect(save).toHaveClass("bg-primary", "h-9");
    expect(remove).toHaveAttribute("data-variant", "destructive");
    expect(remove).toHaveClass("bg-destructive", "h-8");
    expect(remove).not.toHaveClass("h-9");
    expect(screen.getByRole("button", { name: "Cancel" })).toHaveClass("border", "bg-background");
  });

  it("when inside a form without a type, then clicking it does not submit the form", async () => {
    const onSubmit = vi.fn((event: React.FormEvent) => event.preventDefault());
    render(
      <form onSubmit={onSubmit}>
        <Button>Show password</Button>
        <Button type="submit">Sign in</Button>
      </form>,
    );

    await userEvent.click(screen.getByRole("button", { name: "Show password" }));
    expect(onSubmit).not.toHaveBeenCalled();
    await userEvent.click(screen.getByRole("button", { name: "Sign in" }));
    expect(onSubmit).toHaveBeenCalledOnce();
  });

  it("when disabled, then it ignores clicks", async () => {
    const onClick = vi.fn();
    render(
      <Button disabled onClick={onClick}>
        Send
      </Button>,
    );

    await userEvent.click(screen.getByRole("button", { name: "Send" }));
    expect(onClick).not.toHaveBeenCalled();
  });

  it("when asChild wraps a link, then it renders the link with button styles", () => {
    render(
      <Button asChild variant="link">
        <a href="/help">Help</a>
      </Button>,
    );

    const link = screen.getByRole("link", { name: "Help" });
    expect(link).toHaveAttribute("href", "/help");
    expect(link).toHaveClass("text-primary");
    expect(link).not.toHaveAttribute("type");
  });
});
