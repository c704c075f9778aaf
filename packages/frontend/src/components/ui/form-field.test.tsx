import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { FormField } from "./form-field";
import { Input } from "./input";

describe("FormField", () => {
  it("when there is no error, then the label names the input and the hint describes it", async () => {
    render(
      <FormField label="Email" description="We send sign-in links here.">
        <Input type="email" />
      </FormField>,
    );

    const input = screen.getByLabelText("Email");
    expect(input).toHaveAccessibleDescription("We send sign-in links here.");
    expect(input).not.toHaveAttribute("aria-invalid");

    await userEvent.click(screen.getByText("Email"));
    expect(input).toHaveFocus();
  });

  it("when the server rejected the value, then the input is invalid and described by every message", () => {
    render(
      <FormField label="Password" description="At least 12 characters." error={["Too short.", "Needs a number."]}>
        <Input type="password" />
      </FormField>,
    );

    const input = screen.getByLabelText("Password");
    expect(input).toHaveAttribute("aria-invalid", "true");
    expect(input).toHaveAccessibleDescription("At least 12 characters. Too short. Needs a number.");
    expect(screen.getByText("Too short.")).toBeVisible();
  });

  it("when given a single message and an explicit id, then the wiring uses that id", () => {
    render(
      <FormField label="Display name" controlId="display-name" error="Already taken.">
        <Input />
      </FormField>,
    );

    const input = screen.getByLabelText("Display name");
    expect(input).toHaveAttribute("id", "display-name");
    expect(input).toHaveAccessibleDescription("Already taken.");
    expect(input).toBeInvalid();
  });
});
