import { and, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { signInAs } from "@/test/next-mocks";
import { getDb } from "@/db";
import { tokenEvents } from "@/db/schema";
import { clock } from "@/lib/clock";
import { createToken, resetToken } from "@/lib/tokens/actions";
import { getToken } from "@/lib/tokens/queries";
import { createTestAccount, withTestDatabase, type TestAccount } from "@/test/database";
import { activityInput } from "@/test/token-fixtures";
import { closeEndedOverlaps } from "./overlap-end";
import { sweepEndedOverlaps } from "./overlap-sweep";

// The sweep only records what the clock already enforces: an overlap that ran to its end.
// It sweeps the whole database, which other test files share: so these overlaps are made
// in the past (t0 is 3 hours ago) and swept no later than the real time, never ahead of it.

withTestDatabase();

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

async function inOverlap(): Promise<string> {
  const created = await createToken(activityInput({ description: `sweep ${Math.random()}` }));
  if (!created.ok) throw new Error(JSON.stringify(created));
  const reset = await resetToken(created.data.tokenId, { keepOldFor: "1h" });
  if (!reset.ok) throw new Error(JSON.stringify(reset));
  return created.data.tokenId;
}

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
});
