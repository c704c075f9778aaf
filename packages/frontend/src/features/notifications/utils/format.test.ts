import { describe, expect, it } from "vitest";
import { formatUnreadBadge, notificationsLabel } from "./format";

describe("the bell's badge and label", () => {
  it("when there are more than 99 unread, then the badge caps at 99+ but the label says the real count", () => {
    expect(formatUnreadBadge(3)).toBe("3");
    expect(formatUnreadBadge(99)).toBe("99");
    expect(formatUnreadBadge(100)).toBe("99+");
    expect(notificationsLabel(150)).toBe("Notifications, 150 unread");
    expect(notificationsLabel(0)).toBe("Notifications");
  });
});
