import { describe, expect, it } from "vitest";
import { mustSetUpTwoFactor } from "./queries";

describe("mustSetUpTwoFactor", () => {
  it("holds only for an admin without two-factor in an account that requires it", () => {
    expect(mustSetUpTwoFactor({ role: "admin", twoFactorOn: false, requireAdminTwoFactor: true })).toBe(true);
    expect(mustSetUpTwoFactor({ role: "admin", twoFactorOn: true, requireAdminTwoFactor: true })).toBe(false);
    expect(mustSetUpTwoFactor({ role: "marketer", twoFactorOn: false, requireAdminTwoFactor: true })).toBe(false);
    expect(mustSetUpTwoFactor({ role: "admin", twoFactorOn: false, requireAdminTwoFactor: false })).toBe(false);
  });
});
