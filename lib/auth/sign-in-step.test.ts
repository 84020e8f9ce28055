import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { accounts, users } from "@/db/tables";
import { createTestAccount, withTestDatabase } from "@/test/database";
import { pendingSignInStep, signInStepOf } from "./sign-in-step";

withTestDatabase();

describe("signInStepOf", () => {
  const state = { mustChangePassword: false, role: "admin" as const, twoFactorOn: false, requireAdminTwoFactor: false };
  it("asks for two-factor only of an admin without it in an account that requires it", () => {
    expect(signInStepOf({ ...state, requireAdminTwoFactor: true })).toBe("set-up-two-factor");
    expect(signInStepOf({ ...state, requireAdminTwoFactor: true, twoFactorOn: true })).toBeNull();
    expect(signInStepOf({ ...state, requireAdminTwoFactor: true, role: "marketer" })).toBeNull();
    expect(signInStepOf(state)).toBeNull();
  });

  it("asks for the first password before anything else", () => {
    expect(signInStepOf({ ...state, mustChangePassword: true, requireAdminTwoFactor: true })).toBe("choose-password");
    expect(signInStepOf({ ...state, mustChangePassword: true, role: "marketer" })).toBe("choose-password");
  });
});

describe("pendingSignInStep", () => {
  it("reads the user's and the account's flags", async () => {
    const account = await createTestAccount();
    expect(await pendingSignInStep(account.admin.id)).toBeNull();
    await getDb().update(accounts).set({ requireAdminTwoFactor: true }).where(eq(accounts.id, account.accountId));
    expect(await pendingSignInStep(account.admin.id)).toBe("set-up-two-factor");
    expect(await pendingSignInStep(account.marketer.id)).toBeNull();
    await getDb().update(users).set({ mustChangePassword: true }).where(eq(users.id, account.marketer.id));
    expect(await pendingSignInStep(account.marketer.id)).toBe("choose-password");
  });
});
