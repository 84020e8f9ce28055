import { and, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { signInAs } from "@/test/next-mocks";
import { getDb } from "@/db";
import { tokenEvents } from "@/db/tables";
import { clock } from "@/lib/clock";
import { resetToken, revokeToken, stopOldToken } from "@/lib/tokens/actions";
import { getToken } from "@/lib/tokens/queries";
import { createTestAccount, withTestDatabase } from "@/test/database";
import { withSignedInAdmin, within1s } from "@/test/signed-in-admin";
import { tokenSnapshot } from "@/test/token-fixtures";
import { usage } from "./usage";

// Reset with an overlap window, end to end: the server actions an admin uses, and
// the real HTTP API the old and new secrets are sent to. Time is moved on the clock, never slept.

withTestDatabase();

const HOUR = 3_600_000;
const admin = withSignedInAdmin("rotation");
const { forms, issued } = admin;
let t0: number;
beforeEach(() => {
  t0 = Date.now();
  clock.now = () => t0;
});
afterEach(() => {
  clock.now = () => Date.now();
});

const statusOf = async (token: string) => (await forms(token)).status;

async function reset(tokenId: string, keepOldFor?: "none" | "1h" | "24h" | "7d") {
  const result = await resetToken(tokenId, keepOldFor ? { keepOldFor } : undefined);
  if (!result.ok) throw new Error(JSON.stringify(result));
  return result.data.token;
}

const history = async (tokenId: string) =>
  getDb().select({ action: tokenEvents.action, changes: tokenEvents.changes }).from(tokenEvents).where(eq(tokenEvents.tokenId, tokenId)).orderBy(tokenEvents.id);

describe("reset with an overlap window", () => {
  it('"1 hour": both secrets work; only the old one carries Deprecation and Sunset', async () => {
    const { tokenId, token: old } = await issued();
    expect(await statusOf(old)).toBe(200);
    const fresh = await reset(tokenId, "1h");

    // The old secret's cached entry is replaced when the reset's NOTIFY arrives (within 1 s).
    await within1s(async () => expect((await forms(old)).headers.deprecation).toBeDefined());
    const viaOld = await forms(old);
    expect(viaOld.status).toBe(200);
    expect(viaOld.headers.deprecation).toBe(`@${Math.floor(t0 / 1000)}`);
    expect(viaOld.headers.sunset).toBe(new Date(t0 + HOUR).toUTCString());
    const viaNew = await forms(fresh);
    expect(viaNew.status).toBe(200);
    expect(viaNew.headers).not.toHaveProperty("deprecation");
    expect(viaNew.headers).not.toHaveProperty("sunset");

    const details = await getToken(admin.account.accountId, tokenId);
    expect(details).toMatchObject({ oldDisplayPrefix: old.slice(0, 11), oldSecretEndsAt: new Date(t0 + HOUR), displayPrefix: fresh.slice(0, 11) });
    expect(JSON.stringify(details)).not.toContain(old);
  });

  it("the old secret stops at the window's end by the clock, with no notification: end − 1 ms works, the end does not", async () => {
    const { tokenId, token: old } = await issued();
    const fresh = await reset(tokenId, "1h");
    expect(await statusOf(old)).toBe(200); // now cached with both hashes
    clock.now = () => t0 + HOUR - 1;
    expect(await statusOf(old)).toBe(200);
    clock.now = () => t0 + HOUR;
    const refused = await forms(old);
    expect(refused).toMatchObject({ status: 401, body: { error: { code: "invalid_token" } } });
    expect(await statusOf(fresh)).toBe(200);

    // The end is recorded, dated at the end, by the next change that clears the old secret.
    clock.now = () => t0 + 2 * HOUR;
    await reset(tokenId, "none");
    const ended = await getDb().select().from(tokenEvents).where(and(eq(tokenEvents.tokenId, tokenId), eq(tokenEvents.action, "old_token_ended")));
    expect(ended).toMatchObject([{ actorName: "Hub", createdAt: new Date(t0 + HOUR) }]);
    expect((await history(tokenId)).map((e) => e.action)).toEqual(["created", "reset", "old_token_ended", "reset"]);
  });

  it("Stop old token now: the old secret is refused within 1 s, the new one keeps working; History records it", async () => {
    const { tokenId, token: old } = await issued();
    const fresh = await reset(tokenId, "24h");
    expect(await statusOf(old)).toBe(200);
    expect(await stopOldToken(tokenId)).toEqual({ ok: true, data: undefined });
    await within1s(async () => expect(await statusOf(old)).toBe(401));
    expect(await statusOf(fresh)).toBe(200);
    expect(await stopOldToken(tokenId)).toEqual({ ok: false, formError: "The old token has already stopped working." });
    expect((await getToken(admin.account.accountId, tokenId))?.oldDisplayPrefix).toBeNull();
    expect((await history(tokenId)).map((e) => e.action)).toEqual(["created", "reset", "old_token_stopped"]);
  });

  it('"No, stop it now" (and no choice at all) behaves as before: the old secret is dead at once', async () => {
    for (const choice of ["none", undefined] as const) {
      const { tokenId, token: old } = await issued();
      expect(await statusOf(old)).toBe(200);
      const fresh = await reset(tokenId, choice);
      await within1s(async () => expect(await statusOf(old)).toBe(401));
      expect(await statusOf(fresh)).toBe(200);
      expect((await getToken(admin.account.accountId, tokenId))?.oldDisplayPrefix).toBeNull();
      const [, resetRow] = await history(tokenId);
      expect(resetRow).toEqual({ action: "reset", changes: [{ field: "Keep the old token working for", from: "", to: "No, stop it now" }] });
    }
  });

  it("a second reset during an overlap ends the first old secret at once: never three live secrets", async () => {
    const { tokenId, token: first } = await issued();
    const second = await reset(tokenId, "7d");
    expect(await statusOf(first)).toBe(200);
    const third = await reset(tokenId, "1h");
    await within1s(async () => expect(await statusOf(first)).toBe(401));
    expect(await statusOf(second)).toBe(200);
    expect(await statusOf(third)).toBe(200);
    const changes = (await history(tokenId)).at(-1)!.changes.map((c) => `${c.field}: ${c.to}`);
    expect(changes[0]).toBe("Old token: Stopped");
    expect(changes[1]).toBe("Keep the old token working for: 1 hour");
  });

  it("revoke ends both secrets at once", async () => {
    const { tokenId, token: old } = await issued();
    const fresh = await reset(tokenId, "7d");
    expect(await statusOf(old)).toBe(200);
    expect(await statusOf(fresh)).toBe(200);
    expect(await revokeToken(tokenId)).toEqual({ ok: true, data: undefined });
    await within1s(async () => expect([await statusOf(old), await statusOf(fresh)]).toEqual([401, 401]));
  });

  it("Details learns when and from where the old secret was last used", async () => {
    const { tokenId, token: old } = await issued();
    const fresh = await reset(tokenId, "1h");
    expect(await statusOf(fresh)).toBe(200);
    await usage.flush();
    expect(await getToken(admin.account.accountId, tokenId)).toMatchObject({ oldLastUsedAt: null });
    expect(await statusOf(old)).toBe(200);
    await usage.flush();
    expect(await getToken(admin.account.accountId, tokenId)).toMatchObject({ oldLastUsedAt: new Date(t0), oldLastUsedIp: "127.0.0.1" });
  });
});

describe("who may do it, and bad input", () => {
  it("refuses marketers the reset and the early stop, and an unknown choice, writing nothing", async () => {
    const { tokenId } = await issued();
    await reset(tokenId, "1h");
    const before = await tokenSnapshot(admin.account.accountId);
    signInAs(admin.account.marketer);
    expect(await resetToken(tokenId, { keepOldFor: "1h" })).toMatchObject({ ok: false, formError: "Only admins can reset API tokens." });
    expect(await stopOldToken(tokenId)).toMatchObject({ ok: false, formError: "Only admins can stop the old token." });
    signInAs(admin.account.admin);
    const bad = await resetToken(tokenId, { keepOldFor: "2h" as never });
    expect(bad).toEqual({ ok: false, fieldErrors: { keepOldFor: "Choose how long the old token keeps working" } });
    expect(await tokenSnapshot(admin.account.accountId)).toEqual(before);
    signInAs(null);
    await expect(stopOldToken(tokenId)).rejects.toThrow(/NEXT_REDIRECT/);
    const others = await createTestAccount();
    signInAs(others.admin);
    expect(await stopOldToken(tokenId)).toMatchObject({ ok: false, formError: expect.stringMatching(/does not exist/) });
    expect(await getDb().select().from(tokenEvents).where(and(eq(tokenEvents.tokenId, tokenId), eq(tokenEvents.action, "old_token_stopped")))).toEqual([]);
  });
});
