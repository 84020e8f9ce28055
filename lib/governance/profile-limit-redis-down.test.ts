import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";

// Redis configured but unreachable (nothing listens on port 1).
process.env.REDIS_URL = "redis://127.0.0.1:1";

describe("the daily profile limit with Redis down", () => {
  it("keeps limiting in this instance's memory rather than letting every customer through", async () => {
    const { dailyProfileLimit } = await import("./profile-limit");
    const { getRedis } = await import("@/lib/redis");
    expect(getRedis()?.status).not.toBe("ready");
    expect(getRedis()).not.toBeNull();
    const token = { id: randomUUID(), dailyProfileLimit: 2 };
    const answers = [];
    for (const customer of ["1", "2", "1", "3"]) answers.push((await dailyProfileLimit.admit(token, customer)).ok);
    expect(answers).toEqual([true, true, true, false]);
    expect(await dailyProfileLimit.customersToday(token.id)).toBe(2);
    expect((await dailyProfileLimit.refuseWhenFull(token)).ok).toBe(false);
  });
});
