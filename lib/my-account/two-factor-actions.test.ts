import { and, eq } from "drizzle-orm";
import { decodeBase32IgnorePadding } from "@oslojs/encoding";
import { generateTOTP } from "@oslojs/otp";
import { beforeEach, describe, expect, it } from "vitest";
import { nextMocks, signInAs } from "@/test/next-mocks";
import { getDb } from "@/db";
import { accounts, auditEvents, recoveryCodes, users } from "@/db/tables";
import { hashPassword } from "@/lib/auth/password";
import { createTestAccount, withTestDatabase, type TestAccount } from "@/test/database";
import { saveRequireAdminTwoFactor } from "./settings-actions";
import { startTwoFactorSetup, turnOffTwoFactor, turnOnTwoFactor } from "./two-factor-actions";

withTestDatabase();

const PASSWORD = "current password 1";
let account: TestAccount;

beforeEach(async () => {
  account = await createTestAccount({ passwordHash: await hashPassword(PASSWORD) });
  signInAs(account.admin);
  nextMocks.clientIp = `198.51.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
});

const audited = (action: string) =>
  getDb().select().from(auditEvents).where(and(eq(auditEvents.accountId, account.accountId), eq(auditEvents.action, action)));
const codeFor = (keyText: string) => generateTOTP(decodeBase32IgnorePadding(keyText.replace(/\s/g, "")), 30, 6);

describe("two-factor set-up", () => {
  it("turns on with a code of the key kept on the server, shows 10 recovery codes once, and is audited", async () => {
    const started = await startTwoFactorSetup();
    if (!started.ok) throw new Error(JSON.stringify(started));
    expect(started.data.qrCode).toMatch(/^data:image\/png;base64,/);
    const [pending] = await getDb().select().from(users).where(eq(users.id, account.admin.id));
    expect(pending!.totpEnabledAt).toBeNull();
    expect(pending!.totpSecretEncrypted).not.toContain(started.data.keyText.replace(/\s/g, ""));

    expect(await turnOnTwoFactor({ code: "12" })).toMatchObject({ ok: false, fieldErrors: { code: "Enter the 6-digit code from your authenticator app" } });
    const wrong = String((Number(codeFor(started.data.keyText)) + 1) % 1_000_000).padStart(6, "0");
    expect(await turnOnTwoFactor({ code: wrong })).toEqual({ ok: false, fieldErrors: { code: "That code didn't work. Try again." } });

    const on = await turnOnTwoFactor({ code: codeFor(started.data.keyText) });
    if (!on.ok) throw new Error(JSON.stringify(on));
    expect(on.data.recoveryCodes).toHaveLength(10);
    expect(new Set(on.data.recoveryCodes).size).toBe(10);
    expect(await getDb().select().from(recoveryCodes).where(eq(recoveryCodes.userId, account.admin.id))).toHaveLength(10);
    expect(await audited("user.two_factor_enabled")).toHaveLength(1);
    // With two-factor on, a new set-up cannot replace the key.
    expect(await startTwoFactorSetup()).toEqual({ ok: false, formError: "Two-factor authentication is already on." });

    // Turning off takes the password and a code.
    expect(await turnOffTwoFactor({ password: "wrong password", code: on.data.recoveryCodes[0]! })).toMatchObject({ ok: false, fieldErrors: { password: "The password is incorrect" } });
    expect(await turnOffTwoFactor({ password: PASSWORD, code: "abcde-fghjk" })).toMatchObject({ ok: false, fieldErrors: { code: "That code didn't work. Try again." } });
    expect(await turnOffTwoFactor({ password: PASSWORD, code: on.data.recoveryCodes[0]! })).toEqual({ ok: true, data: undefined });
    const [off] = await getDb().select().from(users).where(eq(users.id, account.admin.id));
    expect(off).toMatchObject({ totpEnabledAt: null, totpSecretEncrypted: null });
    expect(await audited("user.two_factor_disabled")).toHaveLength(1);
  });
});

describe("Require two-factor authentication for admins", () => {
  const setting = async () => (await getDb().select().from(accounts).where(eq(accounts.id, account.accountId)))[0]!.requireAdminTwoFactor;

  it("admins save it for their own account, audited with the new value", async () => {
    expect(await saveRequireAdminTwoFactor({ requireAdminTwoFactor: true })).toEqual({ ok: true, data: undefined });
    expect(await setting()).toBe(true);
    // From here the rule holds this admin too: without two-factor they could not save again.
    await getDb().update(users).set({ totpEnabledAt: new Date() }).where(eq(users.id, account.admin.id));
    expect(await saveRequireAdminTwoFactor({ requireAdminTwoFactor: true })).toEqual({ ok: true, data: undefined });
    const events = await audited("account.settings_changed");
    expect(events).toHaveLength(1);
    expect(events[0]!.detail).toEqual({ require_admin_two_factor: true });
  });

  it("marketers cannot, and nothing is written", async () => {
    signInAs(account.marketer);
    expect(await saveRequireAdminTwoFactor({ requireAdminTwoFactor: true })).toEqual({ ok: false, formError: "Only admins can change this setting." });
    expect(await setting()).toBe(false);
    expect(await audited("account.settings_changed")).toHaveLength(0);
  });
});
