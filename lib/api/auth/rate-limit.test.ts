import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { redisReady } from "@/test/redis";
import { consume } from "./rate-limit";

beforeAll(redisReady);

// Runs in memory, or against Redis when REDIS_URL is set: one counter per token either way.
describe("per-token rate limit", () => {
  it("keeps one counter per token whatever its limit, so editing the limit never resets it", async () => {
    const key = randomUUID();
    const admitted = [];
    // 3 a minute, spent; then the limit is edited to 2, then back up to 4.
    for (let i = 0; i < 4; i++) admitted.push((await consume("token", key, 3)).allowed);
    for (let i = 0; i < 2; i++) admitted.push((await consume("token", key, 2)).allowed);
    admitted.push((await consume("token", key, 4)).allowed);
    expect(admitted).toEqual([true, true, true, false, false, false, false]);
  });

  it("counts what was spent under the old limit after the limit is lowered (600 → 599)", async () => {
    const key = randomUUID();
    for (let i = 0; i < 5; i++) await consume("token", key, 600);
    const after = await consume("token", key, 599);
    // 6 spent of 599; a slice may be held back (rate-lease.ts), never more than 2 % of the limit.
    expect(after.remaining).toBeLessThanOrEqual(593);
    expect(after.remaining).toBeGreaterThanOrEqual(593 - 12);
  });
});
