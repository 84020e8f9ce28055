import { and, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { signInAs } from "@/test/next-mocks";
import { getDb } from "@/db";
import { notifyTokenChanged } from "@/db/notify";
import { tokenEvents } from "@/db/tables";
import { tokenCache } from "@/lib/api/auth/token-cache";
import { clock } from "@/lib/clock";
import { createToken, resetToken } from "@/lib/tokens/actions";
import { getToken } from "@/lib/tokens/queries";
import { hashToken } from "@/lib/tokens/secret";
import { call } from "@/test/api-server";
import { withApiServer } from "@/test/with-api-server";
import { createTestAccount, withTestDatabase, type TestAccount } from "@/test/database";
import { activityInput } from "@/test/token-fixtures";
import { closeEndedOverlaps } from "@/lib/tokens/write/overlap-end";
import { sweepEndedOverlaps } from "@/lib/tokens/overlap-sweep";

// Still sent (the console's changes need it); watched to prove the sweep sends none.
vi.mock("@/db/notify", async (original) => {
  const actual = await original<typeof import("@/db/notify")>();
  return { ...actual, notifyTokenChanged: vi.fn(actual.notifyTokenChanged) };
});

// The sweep only records what the clock already enforces: an overlap that ran to its end.
// It sweeps the whole database, which other test files share: so these overlaps are made
// in the past (t0 is 3 hours ago) and swept no later than the real time, never ahead of it.

withTestDatabase();

const server = withApiServer();
const HOUR = 3_600_000;
let account: TestAccount;
let t0: number;

beforeEach(async () => {
  account = await createTestAccount();
  signInAs(account.admin);
  t0 = Date.now() - 3 * HOUR;
  clock.now = () => t0;
});
afterEach(() => {
  clock.now = () => Date.now();
});

/** A token reset at t0 with a 1-hour overlap: its id, and its old and new secrets. */
async function overlapping() {
  const created = await createToken(activityInput({ description: `sweep ${Math.random()}` }));
  if (!created.ok) throw new Error(JSON.stringify(created));
  const reset = await resetToken(created.data.tokenId, { keepOldFor: "1h" });
  if (!reset.ok) throw new Error(JSON.stringify(reset));
  return { tokenId: created.data.tokenId, old: created.data.token, fresh: reset.data.token };
}

const inOverlap = async () => (await overlapping()).tokenId;
const statusOf = async (token: string) => (await call(server.port, "/api/v1/forms", { token })).status;

const endedRows = (tokenId: string) =>
  getDb().select().from(tokenEvents).where(and(eq(tokenEvents.tokenId, tokenId), eq(tokenEvents.action, "old_token_ended")));

describe("closing overlaps that ran to their end", () => {
  it("leaves a running overlap alone, even 1 ms before its end", async () => {
    const tokenId = await inOverlap();
    clock.now = () => t0 + HOUR - 1;
    await sweepEndedOverlaps();
    expect((await getToken(account.accountId, tokenId))?.oldDisplayPrefix).not.toBeNull();
    expect(await endedRows(tokenId)).toEqual([]);
  });

  it('at the end: clears the old secret and writes "Old token ended" dated at the end, once', async () => {
    const tokenId = await inOverlap();
    clock.now = () => Date.now();
    await sweepEndedOverlaps();
    expect(await getToken(account.accountId, tokenId)).toMatchObject({ oldDisplayPrefix: null, oldSecretEndsAt: null });
    expect(await endedRows(tokenId)).toMatchObject([{ actorName: "Hub", createdAt: new Date(t0 + HOUR) }]);

    // Nothing left for a later sweep, nor for the next reset, to record again.
    await sweepEndedOverlaps();
    const again = await resetToken(tokenId, { keepOldFor: "none" });
    expect(again.ok).toBe(true);
    expect(await endedRows(tokenId)).toHaveLength(1);
  });

  it("two instances sweeping at once record each end exactly once", async () => {
    const ids = await Promise.all([inOverlap(), inOverlap(), inOverlap()]);
    const at = new Date(t0 + 2 * HOUR); // an hour before the real time
    const closed = await Promise.all([closeEndedOverlaps(at, 2), closeEndedOverlaps(at, 2), closeEndedOverlaps(at, 2)]);
    // Batches of two: whatever a concurrent sweep skipped (locked) is picked up by the next pass.
    while ((await closeEndedOverlaps(at)) > 0);
    expect(closed.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(3);
    for (const id of ids) expect(await endedRows(id)).toHaveLength(1);
  });

  it("sends no NOTIFY: the clock already refused the old secret, and every cached entry stays", async () => {
    const { tokenId, old, fresh } = await overlapping();
    clock.now = () => t0 + HOUR - 1;
    expect(await statusOf(old)).toBe(200);
    clock.now = () => Date.now();
    // Past the end, before any sweep: refused by the clock alone, the new secret served from the cache.
    expect(await statusOf(old)).toBe(401);
    expect(await statusOf(fresh)).toBe(200);
    expect(tokenCache.get(hashToken(fresh))).toMatchObject({ id: tokenId });

    vi.mocked(notifyTokenChanged).mockClear();
    await sweepEndedOverlaps();
    expect(notifyTokenChanged).not.toHaveBeenCalled();
    expect(await endedRows(tokenId)).toHaveLength(1);
    // Time for a notification to arrive, had one been sent: the entry is still there.
    await new Promise((r) => setTimeout(r, 200));
    expect(tokenCache.get(hashToken(fresh))).toMatchObject({ id: tokenId });
    expect(await statusOf(old)).toBe(401);
    expect(await statusOf(fresh)).toBe(200);
  });
});
