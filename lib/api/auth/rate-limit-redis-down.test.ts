import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";

// Redis configured but unreachable (nothing listens on port 1).
process.env.REDIS_URL = "redis://127.0.0.1:1";

describe("rate limiting with Redis down", () => {
  it("fails safe: each instance keeps limiting in memory rather than letting everything through", async () => {
    const { consume } = await import("./rate-limit");
    const key = randomUUID();
    const results = [];
    for (let i = 0; i < 5; i++) results.push(await consume("token", key, 3));
    expect(results.map((r) => r.allowed)).toEqual([true, true, true, false, false]);
    expect(results[4]!.resetSeconds).toBeGreaterThan(0);
  });
});
