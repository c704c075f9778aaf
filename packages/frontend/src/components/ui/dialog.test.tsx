import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { Button } from "./button";
import {
  Dialog,
  DialogClose,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from "./dialog";

function DeleteDialog() {
  return (
    <Dialog>
      <DialogTrigger asChild>
        <Button>Delete chat</Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Delete this chat?</DialogTitle>
          <DialogDescription>Its models and files go with it.</DialogDescription>
        </DialogHeader>
        <DialogFooter>
          <DialogClose asChild>
            <Button variant="outline">Keep it</Button>
          </DialogClose>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}

describe("Dialog", () => {
  it("when opened from the keyboard, then it is a labelled modal holding focus, and Escape closes it back to the trigger", async () => {
    const user = userEvent.setup();
    render(<DeleteDialog />);

    await user.tab();
    const trigger = screen.getByRole("button", { name: "Delete chat" });
    expect(trigger).toHaveFocus();
    await user.keyboard("{Enter}");

    const dialog = await screen.findByRole("dialog", { name: "Delete this chat?" });
    expect(dialog).toHaveAccessibleDescription("Its models and files go with it.");
    expect(dialog).toContainElement(document.activeElement as HTMLElement);

    await user.keyboard("{Escape}");
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(trigger).toHaveFocus();
  });

  it("when the close button is used, then the dialog closes", async () => {
    const user = userEvent.setup();
    render(<DeleteDialog />);

    await user.click(screen.getByRole("button", { name: "Delete chat" }));
    await user.click(await screen.findByRole("button", { name: "Close" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
  });
});
