import { RateLimiterMemory } from "rate-limiter-flexible";
import { describe, expect, it } from "vitest";
import { countOn } from "./rate-limiter";

describe("countOn", () => {
  it("answers a refusal from another copy of the library (Next bundles) like its own", async () => {
    // What a limiter built by another bundle rejects with: same shape, another class.
    class ForeignRes {
      constructor(
        readonly remainingPoints: number,
        readonly msBeforeNext: number,
        readonly consumedPoints: number,
        readonly isFirstInDuration: boolean,
      ) {}
    }
    const foreign = { consume: () => Promise.reject(new ForeignRes(0, 1000, 6, false)) } as unknown as RateLimiterMemory;
    await expect(countOn(foreign, "k")).resolves.toMatchObject({ consumedPoints: 6, msBeforeNext: 1000 });
    const broken = { consume: () => Promise.reject(new Error("redis down")) } as unknown as RateLimiterMemory;
    await expect(countOn(broken, "k")).rejects.toThrow("redis down");
  });

  it("counts past the limit and says so", async () => {
    const store = new RateLimiterMemory({ points: 2, duration: 60 });
    const results = [];
    for (let i = 0; i < 3; i++) results.push((await countOn(store, "k")).consumedPoints);
    expect(results).toEqual([1, 2, 3]);
  });
});
