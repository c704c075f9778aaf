import { describe, expect, it } from "vitest";
import { loginPath, safeNext } from "./redirect";

describe("loginPath", () => {
  it("when leaving a page, then the whole address rides along as next", () => {
    expect(loginPath({ pathname: "/admin/users", search: "?page=2", hash: "" })).toBe(
      "/login?next=%2Fadmin%2Fusers%3Fpage%3D2",
    );
  });

  it("when leaving the home page, then no next is needed", () => {
    expect(loginPath({ pathname: "/", search: "", hash: "" })).toBe("/login");
  });
});

describe("safeNext", () => {
  it("when next is a path here, then it is kept", () => {
    expect(safeNext("/admin/audit?page=3")).toBe("/admin/audit?page=3");
  });

  it("when next is missing, another site or the sign-in pages, then it is home", () => {
    for (const next of [
      null,
      "",
      "https://evil.example",
      "//evil.example",
      "/\\evil.example",
      "/login",
      "/register?x=1",
    ]) {
      expect(safeNext(next)).toBe("/");
    }
  });
});
