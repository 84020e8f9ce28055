import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { signInAs } from "@/test/next-mocks";
import { getDb } from "@/db";
import { accounts, apiTokens } from "@/db/tables";
import { setAccountLimits } from "@/lib/accounts/limits";
import { clock } from "@/lib/clock";
import { createToken, resetToken, shortenExpiry } from "@/lib/tokens/actions";
import { DAY_MS, displayStatus } from "@/lib/tokens/expiry";
import { countTokensExpiringWithin, getToken, getTokenAllowance } from "@/lib/tokens/queries";
import type { CreateTokenInput } from "@/lib/tokens/schema";
import { call } from "@/test/api-server";
import { withApiServer } from "@/test/with-api-server";
import { createTestAccount, withTestDatabase, type TestAccount } from "@/test/database";
import { activityInput, tokenSnapshot } from "@/test/token-fixtures";

// Tokens that expire, through the server actions and the real HTTP API, with the
// clock moved instead of slept.

withTestDatabase();

const server = withApiServer();
let account: TestAccount;
let t0: number;
beforeEach(async () => {
  account = await createTestAccount({ maxActiveTokens: 2 });
  signInAs(account.admin);
  t0 = Date.UTC(2026, 10, 29, 10, 0, 0);
  clock.now = () => t0;
});
afterEach(() => {
  clock.now = () => Date.now();
});

async function created(overrides: Partial<CreateTokenInput>) {
  const result = await createToken(activityInput(overrides));
  if (!result.ok) throw new Error(JSON.stringify(result));
  return result.data;
}
const slug = async () => (await getDb().select({ slug: accounts.slug }).from(accounts).where(eq(accounts.id, account.accountId)))[0]!.slug;

describe("a token that expires", () => {
  it('"30 days": stored, announced in Hub-Token-Expires, then 401 invalid_token, "Expired", and its slot freed', async () => {
    const { tokenId, token } = await created({ expires: "30" });
    const expiresAt = new Date(t0 + 30 * DAY_MS);
    const [row] = await getDb().select({ expiresAt: apiTokens.expiresAt }).from(apiTokens).where(eq(apiTokens.id, tokenId));
    expect(row!.expiresAt).toEqual(expiresAt);

    const live = await call(server.port, "/api/v1/forms", { token });
    expect(live.status).toBe(200);
    expect(live.headers["hub-token-expires"]).toBe("2026-12-29T10:00:00.000Z");
    await created({ expires: "never" });
    expect(await createToken(activityInput())).toMatchObject({ ok: false, formError: expect.stringMatching(/up to 2 active/) });

    clock.now = () => expiresAt.getTime() - 1;
    expect((await call(server.port, "/api/v1/forms", { token })).status).toBe(200);
    clock.now = () => expiresAt.getTime();
    expect(await call(server.port, "/api/v1/forms", { token })).toMatchObject({ status: 401, body: { error: { code: "invalid_token" } } });
    const details = await getToken(account.accountId, tokenId);
    expect(displayStatus(details!.status, details!.expiresAt, clock.now())).toBe("expired");
    expect(await getTokenAllowance(account.accountId, new Date(clock.now()))).toMatchObject({ active: 1, max: 2 });
    expect((await createToken(activityInput())).ok).toBe(true);
    expect(await resetToken(tokenId)).toEqual({ ok: false, formError: "This API token has expired and can no longer be changed." });
  });

  it("a token that never expires carries no Hub-Token-Expires", async () => {
    const { token } = await created({ expires: "never" });
    expect((await call(server.port, "/api/v1/forms", { token })).headers).not.toHaveProperty("hub-token-expires");
  });

  it("a custom date expires at its midnight UTC, from tomorrow on", async () => {
    const { tokenId } = await created({ expires: "custom", expiresOn: "2026-11-30" });
    expect((await getToken(account.accountId, tokenId))!.expiresAt).toEqual(new Date(Date.UTC(2026, 10, 30)));
    const before = await tokenSnapshot(account.accountId);
    expect(await createToken(activityInput({ expires: "custom", expiresOn: "2026-11-29" }))).toEqual({
      ok: false,
      fieldErrors: { expiresOn: "Choose a date from tomorrow on" },
    });
    expect(await tokenSnapshot(account.accountId)).toEqual(before);
  });

  it("counts the tokens expiring within 7 days for the banner and the tile", async () => {
    await created({ expires: "custom", expiresOn: "2026-12-06" });
    await created({ expires: "30" });
    expect(await countTokensExpiringWithin(account.accountId, new Date(t0), 7)).toBe(1);
    expect(await countTokensExpiringWithin(account.accountId, new Date(t0 + 7 * DAY_MS), 7)).toBe(0);
  });
});

describe("the operator's maximum lifetime", () => {
  it('refuses "Never" and longer choices with a field message, writing nothing, and lists longer tokens', async () => {
    const forever = await created({ expires: "never", description: "Forever dashboard" });
    const limits = await setAccountLimits(await slug(), { maxTokenLifetimeDays: "45" }, new Date(t0));
    expect(limits.maxTokenLifetimeDays).toBe(45);
    expect(limits.longer.map((t) => t.id)).toEqual([forever.tokenId]);
    expect((await getToken(account.accountId, forever.tokenId))!.expiresAt).toBeNull();

    const before = await tokenSnapshot(account.accountId);
    const message = "Your account's tokens must expire within 45 days";
    expect(await createToken(activityInput({ expires: "never" }))).toEqual({ ok: false, fieldErrors: { expires: message } });
    expect(await createToken(activityInput({ expires: "60" }))).toEqual({ ok: false, fieldErrors: { expires: message } });
    expect(await createToken(activityInput({ expires: "custom", expiresOn: "2027-01-14" }))).toEqual({ ok: false, fieldErrors: { expiresOn: message } });
    expect(await tokenSnapshot(account.accountId)).toEqual(before);

    expect((await createToken(activityInput({ expires: "custom", expiresOn: "2027-01-13" }))).ok).toBe(true);
    expect((await setAccountLimits(await slug(), { maxTokenLifetimeDays: "none" })).maxTokenLifetimeDays).toBeNull();
    await expect(setAccountLimits("x", { maxTokenLifetimeDays: "0" })).rejects.toThrow(/at least 1 day/);
  });
});

describe("shortening an expiry in Details", () => {
  it("moves it earlier, takes effect on the API at once, and refuses later dates and marketers", async () => {
    const { tokenId, token } = await created({ expires: "90" });
    const later = "Choose a date before the current expiry: it can only be shortened";
    expect(await shortenExpiry(tokenId, { expiresOn: "2027-03-01" })).toEqual({ ok: false, fieldErrors: { expiresOn: later } });
    signInAs(account.marketer);
    expect(await shortenExpiry(tokenId, { expiresOn: "2026-12-10" })).toMatchObject({ ok: false, formError: "Only admins can change when a token expires." });
    signInAs(account.admin);
    expect((await call(server.port, "/api/v1/forms", { token })).status).toBe(200);
    expect(await shortenExpiry(tokenId, { expiresOn: "2026-12-10" })).toEqual({ ok: true, data: undefined });
    expect((await getToken(account.accountId, tokenId))!.expiresAt).toEqual(new Date("2026-12-10T00:00:00Z"));
    // The API learns the new expiry by NOTIFY: within 1 s.
    await vi.waitFor(async () => expect((await call(server.port, "/api/v1/forms", { token })).headers["hub-token-expires"]).toBe("2026-12-10T00:00:00.000Z"), {
      timeout: 1_000,
      interval: 20,
    });
    clock.now = () => Date.UTC(2026, 11, 10);
    expect((await call(server.port, "/api/v1/forms", { token })).status).toBe(401);
  });

  it("shortens a token that never expired only within the account's maximum", async () => {
    const { tokenId } = await created({ expires: "never" });
    await setAccountLimits(await slug(), { maxTokenLifetimeDays: "30" }, new Date(t0));
    const message = "Your account's tokens must expire within 30 days";
    expect(await shortenExpiry(tokenId, { expiresOn: "2027-06-01" })).toEqual({ ok: false, fieldErrors: { expiresOn: message } });
    expect(await shortenExpiry(tokenId, { expiresOn: "2026-12-20" })).toEqual({ ok: true, data: undefined });
  });
});
