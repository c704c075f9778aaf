import { LoginRequestSchema } from "@chat3d/shared";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { Input } from "@/components/ui/input";
import { ApiClientError } from "@/lib/api-client";
import { Field } from "./field";
import { Form, FormAlert } from "./form";
import { SubmitButton } from "./submit-button";
import { useSchemaForm } from "./use-schema-form";

function LoginLikeForm({ onSubmit }: { onSubmit: () => Promise<unknown> }) {
  const form = useSchemaForm(LoginRequestSchema, { defaultValues: { email: "", password: "" } });
  return (
    <Form form={form} onSubmit={onSubmit} aria-label="Test form">
      <FormAlert />
      <Field name="email" label="Email">
        <Input />
      </Field>
      <Field name="password" label="Password">
        <Input type="password" />
      </Field>
      <SubmitButton pendingLabel="Sending…">Send</SubmitButton>
    </Form>
  );
}

async function fillAndSend() {
  const user = userEvent.setup();
  await user.type(screen.getByLabelText("Email"), "ada@example.com");
  await user.type(screen.getByLabelText("Password"), "secret");
  await user.click(screen.getByRole("button", { name: "Send" }));
}

const rejected = (details: Record<string, string[]>, code = "validation_failed") =>
  new ApiClientError({ status: 400, code, message: "Some fields are not valid.", fieldErrors: details });

describe("the form layer", () => {
  it("when the API names fields in any order, then each message shows under its field and the first field in the form gets focus", async () => {
    render(
      <LoginLikeForm
        onSubmit={() => Promise.reject(rejected({ password: ["Too weak.", "Seen in a breach."], email: ["Taken."] }))}
      />,
    );
    await fillAndSend();

    const email = await screen.findByLabelText("Email");
    expect(email).toHaveAttribute("aria-invalid", "true");
    expect(email).toHaveAccessibleDescription("Taken.");
    expect(screen.getByLabelText("Password")).toHaveAccessibleDescription("Too weak. Seen in a breach.");
    expect(email).toHaveFocus();
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
  });

  it("when the API error names no field of this form, then the form shows it as an alert and blames no field", async () => {
    render(<LoginLikeForm onSubmit={() => Promise.reject(rejected({ token: ["Expired."] }, "expired_token"))} />);
    await fillAndSend();

    expect(await screen.findByRole("alert")).toHaveTextContent("Some fields are not valid.");
    expect(screen.getByRole("alert")).toHaveTextContent("Expired.");
    expect(screen.getByLabelText("Email")).not.toHaveAttribute("aria-invalid");
  });

  it("while the submit runs, then the button is busy and disabled and says what it is doing", async () => {
    let finish!: () => void;
    render(<LoginLikeForm onSubmit={() => new Promise<void>((resolve) => (finish = resolve))} />);
    await fillAndSend();

    const button = await screen.findByRole("button", { name: "Sending…" });
    expect(button).toBeDisabled();
    expect(button).toHaveAttribute("aria-busy", "true");
    // The idle label keeps its place (hidden), so the button does not change size.
    expect(button).toHaveTextContent("SendSending…");

    finish();
    expect(await screen.findByRole("button", { name: "Send" })).toBeEnabled();
  });
});
