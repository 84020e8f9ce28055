import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { generateHOTP } from "@oslojs/otp";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { auditEvents, recoveryCodes, users } from "@/db/tables";
import { createTestAccount, withTestDatabase, type TestUser } from "@/test/database";
import { SignInThrottled } from "../credentials";
import { signInPolicy } from "../sign-in-throttle";
import { pendingSignIn, pendingUserId } from "./pending-sign-in";
import { hashRecoveryCode, newRecoveryCodes } from "./recovery-codes";
import { decryptTotpKey, encryptTotpKey } from "./secret-box";
import { authorizeSecondFactor, SignInExpired } from "./sign-in";
import { currentStep, matchingStep, newTotpKey } from "./totp";
import { enableTwoFactor, storePendingKey } from "./queries";
import { verifySecondFactor } from "./verify";

withTestDatabase();

const codeAt = (key: Uint8Array, step: number) => generateHOTP(key, BigInt(step), 6);
const ip = () => `203.0.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;

/** A user with two-factor on: its key and recovery codes. */
async function withTwoFactor(user: TestUser) {
  const key = newTotpKey();
  const codes = newRecoveryCodes();
  const encrypted = encryptTotpKey(key, user.id);
  expect(await storePendingKey(user.id, encrypted)).toBe(true);
  await getDb().transaction((tx) => enableTwoFactor(tx, user.id, encrypted, currentStep() - 5, codes.map(hashRecoveryCode)));
  return { key, codes };
}

describe("the key at rest", () => {
  it("round-trips through AES-256-GCM, bound to its user; anything else reads as nothing", () => {
    const key = newTotpKey();
    const stored = encryptTotpKey(key, "user-1");
    expect(stored).not.toContain(Buffer.from(key).toString("base64url"));
    expect(decryptTotpKey(stored, "user-1")).toEqual(key);
    expect(decryptTotpKey(stored, "user-2")).toBeNull();
    const [v, iv, tag, body] = stored.split(".");
    const flipped = `${v}.${iv}.${tag}.${body!.startsWith("A") ? "B" : "A"}${body!.slice(1)}`;
    expect(decryptTotpKey(flipped, "user-1")).toBeNull();
    expect(encryptTotpKey(key, "user-1")).not.toBe(stored);
  });
});

describe("TOTP codes", () => {
  it("match this step and one either side, no further", () => {
    const key = newTotpKey();
    const now = Date.now();
    const step = currentStep(now);
    expect(matchingStep(key, codeAt(key, step), now)).toBe(step);
    expect(matchingStep(key, codeAt(key, step - 1), now)).toBe(step - 1);
    expect(matchingStep(key, codeAt(key, step + 1), now)).toBe(step + 1);
    const far = codeAt(key, step - 2);
    if (![step - 1, step, step + 1].some((s) => codeAt(key, s) === far)) expect(matchingStep(key, far, now)).toBeNull();
    expect(matchingStep(key, "12345", now)).toBeNull();
  });

  it("are accepted once: the same code, or an older step, is refused afterwards", async () => {
    const { admin } = await createTestAccount();
    const { key } = await withTwoFactor(admin);
    const step = currentStep();
    expect(await verifySecondFactor(admin, codeAt(key, step), null)).toBe(true);
    expect(await verifySecondFactor(admin, codeAt(key, step), null)).toBe(false);
    expect(await verifySecondFactor(admin, codeAt(key, step - 1), null)).toBe(false);
    expect(await verifySecondFactor(admin, codeAt(key, step + 1), null)).toBe(true);
  });
});

describe("recovery codes", () => {
  it("work once, even when presented five times at once; the use is audited", async () => {
    const { admin, accountId } = await createTestAccount();
    const { codes } = await withTwoFactor(admin);
    expect(codes).toHaveLength(10);
    const stored = await getDb().select().from(recoveryCodes).where(eq(recoveryCodes.userId, admin.id));
    expect(stored.map((r) => r.codeHash)).not.toContain(codes[0]);

    const results = await Promise.all(Array.from({ length: 5 }, () => verifySecondFactor(admin, codes[0]!.toUpperCase(), "198.51.100.9")));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await verifySecondFactor(admin, codes[0]!, null)).toBe(false);
    expect(await verifySecondFactor(admin, codes[1]!, null)).toBe(true);
    const events = await getDb().select().from(auditEvents).where(and(eq(auditEvents.accountId, accountId), eq(auditEvents.action, "user.recovery_code_used")));
    expect(events).toHaveLength(2);
    expect(JSON.stringify(events)).not.toContain(codes[0]);
  });
});

describe("the code step of sign-in", () => {
  it("signs in the user the pending cookie names, with a right code, and sets the last sign-in", async () => {
    const { admin } = await createTestAccount();
    const { key } = await withTwoFactor(admin);
    const cookie = pendingSignIn(admin.id);
    expect(pendingUserId(cookie)).toBe(admin.id);
    expect(await authorizeSecondFactor({ code: codeAt(key, currentStep()) }, cookie, ip())).toEqual({ id: admin.id, sessionVersion: 0 });
    const [row] = await getDb().select({ lastSignInAt: users.lastSignInAt }).from(users).where(eq(users.id, admin.id));
    expect(row!.lastSignInAt).not.toBeNull();
  });

  it("refuses a forged or expired cookie", async () => {
    const { admin } = await createTestAccount();
    await expect(authorizeSecondFactor({ code: "123456" }, `${admin.id}.9999999999.forged`, ip())).rejects.toBeInstanceOf(SignInExpired);
    const old = pendingSignIn(admin.id, Date.now() - 6 * 60_000);
    await expect(authorizeSecondFactor({ code: "123456" }, old, ip())).rejects.toBeInstanceOf(SignInExpired);
    await expect(authorizeSecondFactor({ code: "123456" }, pendingSignIn(randomUUID()), ip())).rejects.toBeInstanceOf(SignInExpired);
  });

  it("charges wrong codes to the sign-in budget: then even the right code is throttled", async () => {
    const { admin } = await createTestAccount();
    const { key } = await withTwoFactor(admin);
    const cookie = pendingSignIn(admin.id);
    const address = ip();
    for (let i = 0; i < signInPolicy.perEmailAndIp.points; i++) {
      expect(await authorizeSecondFactor({ code: "000000" }, cookie, address)).toBeNull();
    }
    await expect(authorizeSecondFactor({ code: codeAt(key, currentStep()) }, cookie, address)).rejects.toBeInstanceOf(SignInThrottled);
  });
});
