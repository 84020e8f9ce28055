import { describe, expect, it } from "vitest";
import { loggablePath } from "./loggable-path";

describe("loggablePath", () => {
  it("keeps ordinary paths without their query", () => {
    expect(loggablePath("/manage/team?x=1")).toBe("/manage/team");
    expect(loggablePath(undefined)).toBe("/");
  });

  it("never keeps an invite or password-reset code", () => {
    const code = "q3J4Zk9mYWtlLWNvZGUtZm9yLXRoZS10ZXN0LTAxMjM0";
    expect(loggablePath(`/invite/${code}`)).toBe("/invite/[code]");
    expect(loggablePath(`/invite/${code}?_rsc=abc`)).toBe("/invite/[code]");
    expect(loggablePath(`/reset-password/${code}/`)).toBe("/reset-password/[code]/");
  });
});
