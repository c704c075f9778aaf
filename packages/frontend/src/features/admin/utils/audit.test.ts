import { describe, expect, it } from "vitest";
import { actionLabel, changesBetween } from "./audit";

describe("actionLabel", () => {
  it("when the action is known, then it reads as words; otherwise it is tidied up", () => {
    expect(actionLabel("user.deactivated")).toBe("User deactivated");
    expect(actionLabel("chat.export_requested")).toBe("Chat export requested");
  });
});

describe("changesBetween", () => {
  it("when settings change, then only the changed fields are listed, without bookkeeping", () => {
    const before = { waitlist_enabled: false, invitation_quota_per_user: 5, updated_at: "a", updated_by: null };
    const after = { waitlist_enabled: true, invitation_quota_per_user: 5, updated_at: "b", updated_by: "x" };

    expect(changesBetween(before, after)).toEqual([{ field: "waitlist_enabled", before: false, after: true }]);
  });

  it("when only one side was recorded, then the other counts as absent", () => {
    expect(changesBetween(null, { status: "pending" })).toEqual([
      { field: "status", before: undefined, after: "pending" },
    ]);
    expect(changesBetween(null, null)).toEqual([]);
  });
});
