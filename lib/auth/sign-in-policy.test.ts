import { randomUUID } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { eq } from "drizzle-orm";
import { getDb } from "@/db";
import { users } from "@/db/tables";
import { createTestAccount, withTestDatabase } from "@/test/database";
import { authorizeCredentials, SignInThrottled } from "./credentials";
import { issueKnownDevice } from "./known-device";
import { hashPassword, passwordCheckStats } from "./password";
import { signInPolicy } from "./sign-in-throttle";

// Before any import: the known-device cookie is signed with env.AUTH_SECRET, read once.
vi.hoisted(() => {
  process.env.AUTH_SECRET ??= "a-test-secret-that-is-long-enough-for-hmac-keys";
});

withTestDatabase();

// Counters may outlive a run (Redis): every test uses emails and addresses of its own.
const octet = () => Math.floor(Math.random() * 250) + 1;
const freshIp = () => `${octet()}.${octet()}.${octet()}.${octet()}`;

/** How many attempts reached the password check (null = checked and wrong) and how many were throttled. */
async function burst(email: string, ips: string[], password = "wrong guess") {
  const results = await Promise.allSettled(ips.map((ip) => authorizeCredentials({ email, password }, ip)));
  const checked = results.filter((r) => r.status === "fulfilled").length;
  const throttled = results.filter((r) => r.status === "rejected" && r.reason instanceof SignInThrottled).length;
  return { checked, throttled, other: results.length - checked - throttled };
}

describe("sign-in attempts are counted before the password is checked", () => {
  it("40 parallel guesses from one address reach at most 5 password checks", async () => {
    const account = await createTestAccount({ passwordHash: await hashPassword("correct horse") });
    const ip = freshIp();
    const result = await burst(account.admin.email, Array.from({ length: 40 }, () => ip));
    expect(result.other).toBe(0);
    expect(result.checked).toBeLessThanOrEqual(signInPolicy.perEmailAndIp.points);
    expect(result.checked + result.throttled).toBe(40);
  }, 120_000);

  it("40 parallel guesses from 40 addresses reach at most 5 password checks", async () => {
    const account = await createTestAccount({ passwordHash: await hashPassword("correct horse") });
    const result = await burst(account.admin.email, Array.from({ length: 40 }, freshIp));
    expect(result.other).toBe(0);
    expect(result.checked).toBeLessThanOrEqual(signInPolicy.perEmail.points);
  }, 120_000);

  it("no more than a few argon2 verifications run at once; a success refunds its attempt", async () => {
    const account = await createTestAccount({ passwordHash: await hashPassword("correct horse") });
    const emails = Array.from({ length: 24 }, () => `nobody-${randomUUID()}@x.test`);
    passwordCheckStats.reset();
    await Promise.allSettled(emails.map((email) => authorizeCredentials({ email, password: "guess" }, freshIp())));
    console.info(`argon2 verifications in flight at most: ${passwordCheckStats.maxInFlight}`);
    expect(passwordCheckStats.limit).toBeLessThanOrEqual(8);
    expect(passwordCheckStats.maxInFlight).toBeGreaterThan(0);
    expect(passwordCheckStats.maxInFlight).toBeLessThanOrEqual(passwordCheckStats.limit);

    const ip = freshIp();
    for (let i = 0; i < 10; i++) {
      expect(await authorizeCredentials({ email: account.marketer.email, password: "correct horse" }, ip)).toEqual({ id: account.marketer.id, sessionVersion: 0 });
    }
  }, 120_000);
});

describe("nobody can lock an admin out", () => {
  it("after guesses from everywhere, the admin's known browser still signs in; an unknown browser waits", async () => {
    const account = await createTestAccount({ passwordHash: await hashPassword("correct horse") });
    const email = account.admin.email;
    const device = issueKnownDevice(email, 0);
    for (let i = 0; i < 3 * signInPolicy.perEmail.points; i++) {
      await authorizeCredentials({ email, password: `attack ${i}` }, freshIp()).catch(() => null);
    }
    // A browser that never signed in as this admin: the email is slowed down across addresses.
    await expect(authorizeCredentials({ email, password: "correct horse" }, freshIp())).rejects.toBeInstanceOf(SignInThrottled);
    // The admin's own browser carries proof of an earlier sign-in: its own budget, unaffected.
    expect(await authorizeCredentials({ email, password: "correct horse" }, freshIp(), device)).toEqual({ id: account.admin.id, sessionVersion: 0 });
  }, 120_000);

  it("a known browser has a hard limit of its own, and a cookie is worth nothing for another email or forged", async () => {
    const account = await createTestAccount({ passwordHash: await hashPassword("correct horse") });
    const email = account.admin.email;
    const device = issueKnownDevice(email, 0);
    for (let i = 0; i < signInPolicy.perDevice.points; i++) {
      expect(await authorizeCredentials({ email, password: `typo ${i}` }, freshIp(), device)).toBeNull();
    }
    await expect(authorizeCredentials({ email, password: "correct horse" }, freshIp(), device)).rejects.toBeInstanceOf(SignInThrottled);

    // Someone else's cookie, or a tampered one, counts as no cookie: the shared per-email budget.
    const other = await createTestAccount({ passwordHash: await hashPassword("correct horse") });
    for (let i = 0; i < signInPolicy.perEmail.points; i++) {
      await authorizeCredentials({ email: other.admin.email, password: `attack ${i}` }, freshIp()).catch(() => null);
    }
    const tampered = `${device.slice(0, -2)}xx`;
    for (const cookie of [device, tampered, "garbage"]) {
      await expect(authorizeCredentials({ email: other.admin.email, password: "correct horse" }, freshIp(), cookie)).rejects.toBeInstanceOf(SignInThrottled);
    }
  }, 120_000);

  it("five misses from one address stop unknown browsers there, not the owner's known browser behind the same address (NAT)", async () => {
    const account = await createTestAccount({ passwordHash: await hashPassword("correct horse") });
    const email = account.admin.email;
    const device = issueKnownDevice(email, 0);
    const shared = freshIp();
    for (let i = 0; i < signInPolicy.perEmailAndIp.points; i++) {
      expect(await authorizeCredentials({ email, password: `guess ${i}` }, shared)).toBeNull();
    }
    await expect(authorizeCredentials({ email, password: "correct horse" }, shared)).rejects.toBeInstanceOf(SignInThrottled);
    expect(await authorizeCredentials({ email, password: "correct horse" }, shared, device)).toEqual({ id: account.admin.id, sessionVersion: 0 });
  }, 120_000);

  it("nor does spraying other emails from that address lock the owner's known browser out", async () => {
    const account = await createTestAccount({ passwordHash: await hashPassword("correct horse") });
    const email = account.admin.email;
    const device = issueKnownDevice(email, 0);
    const shared = freshIp();
    for (let i = 0; i <= signInPolicy.perIp.points; i++) {
      await authorizeCredentials({ email: `spray-${randomUUID()}@example.test`, password: "wrong guess" }, shared).catch(() => null);
    }
    await expect(authorizeCredentials({ email: account.marketer.email, password: "correct horse" }, shared)).rejects.toBeInstanceOf(SignInThrottled);
    expect(await authorizeCredentials({ email, password: "correct horse" }, shared, device)).toEqual({ id: account.admin.id, sessionVersion: 0 });
  }, 120_000);

  it("a password change (a new session version) turns the browser back into an unknown one", async () => {
    const account = await createTestAccount({ passwordHash: await hashPassword("correct horse") });
    const email = account.admin.email;
    const device = issueKnownDevice(email, 0);
    await getDb().update(users).set({ sessionVersion: 1 }).where(eq(users.id, account.admin.id));
    for (let i = 0; i < signInPolicy.perEmail.points; i++) {
      await authorizeCredentials({ email, password: `attack ${i}` }, freshIp()).catch(() => null);
    }
    await expect(authorizeCredentials({ email, password: "correct horse" }, freshIp(), device)).rejects.toBeInstanceOf(SignInThrottled);
  }, 120_000);
});

describe("an IPv6 client is its /64", () => {
  it("spraying from many addresses of one /64 spends one per-address budget", async () => {
    const hex = () => Math.floor(Math.random() * 0xffff).toString(16);
    const prefix = `2001:db8:${hex()}:${hex()}`;
    const guess = (i: number) => authorizeCredentials({ email: `spray-${randomUUID()}@example.test`, password: "wrong guess" }, `${prefix}:${i.toString(16)}::1`);
    for (let i = 0; i < signInPolicy.perIp.points; i++) expect(await guess(i)).toBeNull();
    await expect(guess(signInPolicy.perIp.points)).rejects.toBeInstanceOf(SignInThrottled);
  }, 120_000);
});

describe("knownDeviceCookie", () => {
  it("reads the cookie and ignores a malformed one", async () => {
    const { knownDeviceCookie } = await import("./known-device");
    expect(knownDeviceCookie(new Headers({ cookie: "a=1; hub_known_device=1.abc.def; b=2" }))).toBe("1.abc.def");
    expect(knownDeviceCookie(new Headers({ cookie: "hub_known_device=%E0%A4%A" }))).toBeNull();
    expect(knownDeviceCookie(new Headers())).toBeNull();
  });
});
