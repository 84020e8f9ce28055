import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { Redis } from "ioredis";
import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract } from "rate-limiter-flexible";
import { afterAll, describe, expect, it } from "vitest";
import { countOn } from "@/lib/rate-limiter";
import { LeasedBudget, sliceSize, type Claim } from "./rate-lease";

/** A shared fixed-window counter, like the Redis one, on a clock the test moves. */
function sharedCounter(windowMs = 60_000) {
  const clock = { now: 0 };
  const counts = new Map<string, { points: number; endsAt: number }>();
  let claims = 0;
  const claim = async (key: string, points: number): Promise<Claim> => {
    claims += 1;
    await Promise.resolve(); // a round trip: concurrent spenders get to run meanwhile
    let entry = counts.get(key);
    if (!entry || entry.endsAt <= clock.now) counts.set(key, (entry = { points: 0, endsAt: clock.now + windowMs }));
    entry.points += points;
    return { consumedPoints: entry.points, msBeforeNext: entry.endsAt - clock.now };
  };
  return { clock, claim, claims: () => claims, instance: () => new LeasedBudget(claim, () => clock.now) };
}

describe("leased rate-limit budget", () => {
  it("claims one request at a time below 100 a minute, 2 % of the limit above, at most 100", () => {
    expect([1, 60, 99, 100, 1_000, 5_000, 1_000_000].map(sliceSize)).toEqual([1, 1, 1, 2, 20, 100, 100]);
  });

  it("is exact for small limits: the sixth request of five is refused with the window's wait", async () => {
    const shared = sharedCounter();
    const budget = shared.instance();
    const results = [];
    for (let i = 0; i < 6; i++) results.push(await budget.spend("t", 5));
    expect(results.map((r) => r.allowed)).toEqual([true, true, true, true, true, false]);
    expect(results.map((r) => r.remaining)).toEqual([4, 3, 2, 1, 0, 0]);
    expect(results[5]!.msBeforeNext).toBe(60_000);
  });

  it("asks the shared counter once for a burst of concurrent requests", async () => {
    const shared = sharedCounter();
    const budget = shared.instance();
    const results = await Promise.all(Array.from({ length: 50 }, () => budget.spend("t", 1_000_000)));
    expect(results.every((r) => r.allowed)).toBe(true);
    expect(shared.claims()).toBe(1);
  });

  it("claims the next slice while a quarter of this one is left, and adds it to what is left", async () => {
    const shared = sharedCounter();
    const budget = shared.instance();
    for (let i = 0; i < 74; i++) await budget.spend("t", 1_000_000);
    expect(shared.claims()).toBe(1);
    await budget.spend("t", 1_000_000); // 25 of 100 left
    expect(shared.claims()).toBe(2);
    await new Promise((resolve) => setTimeout(resolve, 0));
    // 200 counted, 125 here: what is left for this instance is the limit less the 75 spent.
    expect(budget.peek("t", 1_000_000)).toMatchObject({ remaining: 1_000_000 - 75 });
    for (let i = 0; i < 125; i++) expect((await budget.spend("t", 1_000_000)).allowed).toBe(true);
    // The third slice was claimed ahead too, once the topped-up lease was down to 25.
    expect(shared.claims()).toBe(3);
  });

  it("grants only the part of a slice that fits under the limit", async () => {
    const shared = sharedCounter();
    const other = shared.instance();
    for (let i = 0; i < 49; i++) await other.spend("t", 1_000); // 3 slices of 20: 60 counted
    const budget = shared.instance();
    // 940 left: 47 full slices, then nothing.
    let allowed = 0;
    for (let i = 0; i < 1_000; i++) if ((await budget.spend("t", 1_000)).allowed) allowed += 1;
    expect(allowed).toBe(940);
  });

  it("starts again when the window ends, and forgets the old slice", async () => {
    const shared = sharedCounter();
    const budget = shared.instance();
    for (let i = 0; i < 3; i++) await budget.spend("t", 3);
    expect((await budget.spend("t", 3)).allowed).toBe(false);
    shared.clock.now = 60_000;
    expect(budget.peek("t", 3)).toBeNull();
    expect(await budget.spend("t", 3)).toMatchObject({ allowed: true, remaining: 2 });
  });

  it("never admits more than the limit across instances, and refuses at most one slice per instance early", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 20_000 }),
        fc.array(fc.nat({ max: 2 }), { minLength: 1, maxLength: 400 }),
        async (limit, order) => {
          const shared = sharedCounter();
          const instances = [shared.instance(), shared.instance(), shared.instance()];
          let allowed = 0;
          // Every request in `order`, then enough more to use up the window.
          const schedule = [...order, ...Array.from({ length: limit + 300 }, (_, i) => i % 3)];
          for (const i of schedule) if ((await instances[i]!.spend("t", limit)).allowed) allowed += 1;
          expect(allowed).toBeLessThanOrEqual(limit);
          expect(allowed).toBeGreaterThanOrEqual(limit - 3 * sliceSize(limit));
        },
      ),
      { numRuns: 60 },
    );
  });

  it("shows what is left: the shared remainder plus this instance's unspent slice", async () => {
    const shared = sharedCounter();
    const budget = shared.instance();
    expect(await budget.spend("t", 1_000)).toMatchObject({ allowed: true, remaining: 999 });
    expect(budget.peek("t", 1_000)).toMatchObject({ remaining: 999 });
    expect(await budget.spend("t", 1_000)).toMatchObject({ remaining: 998 });
  });
});

async function twoInstancesAgainst(store: RateLimiterAbstract) {
  const key = randomUUID();
  const instances = [0, 1].map(() => new LeasedBudget((k, points) => countOn(store, k, points)));
  let allowed = 0;
  // 1,200 requests at a limit of 1,000, ten at a time, alternating instances.
  for (let i = 0; i < 120; i++) {
    const results = await Promise.all(Array.from({ length: 10 }, (_, j) => instances[j % 2]!.spend(key, 1_000)));
    allowed += results.filter((r) => r.allowed).length;
  }
  return allowed;
}

describe("leased budget on rate-limiter-flexible's counters", () => {
  it("in memory: two instances admit at most the limit, short of it by at most a slice each", async () => {
    const allowed = await twoInstancesAgainst(new RateLimiterMemory({ points: 1_000, duration: 60 }));
    expect(allowed).toBeLessThanOrEqual(1_000);
    expect(allowed).toBeGreaterThanOrEqual(1_000 - 2 * sliceSize(1_000));
  });

  /** A token's limit lowered from 600 (slices of 12) to 10 after one request: the unspent slice goes back. */
  async function lowerAfterOneRequest(store: RateLimiterAbstract) {
    const budget = () => new LeasedBudget((k, p) => countOn(store, k, p), Date.now, (k, p) => store.reward(k, p));
    const [a, b] = [budget(), budget()];
    expect((await a.spend("token", 600)).allowed).toBe(true);
    const first = await a.spend("token", 10);
    // One served under 600, this one under 10: 8 left, not 0 because of the 11 held unspent.
    expect(first).toMatchObject({ allowed: true, remaining: 8 });
    let served = 0;
    for (let i = 0; i < 20; i++) if ((await (i % 2 ? a : b).spend("token", 10)).allowed) served += 1;
    expect(served).toBe(8);
  }

  it("in memory: a slice claimed under a limit since lowered is given back, so the new limit counts what was served", async () => {
    await lowerAfterOneRequest(new RateLimiterMemory({ points: Number.MAX_SAFE_INTEGER, duration: 60 }));
  });

  const redisUrl = process.env.REDIS_URL;
  describe.skipIf(!redisUrl)("in real Redis", () => {
    it("gives back a slice claimed under a limit since lowered", async () => {
      await lowerAfterOneRequest(new RateLimiterRedis({ storeClient: redis!, keyPrefix: `lease-test-${randomUUID()}`, points: Number.MAX_SAFE_INTEGER, duration: 60 }));
    });

    const redis = redisUrl ? new Redis(redisUrl) : null;
    afterAll(() => redis?.disconnect());

    it("two instances sharing one Redis counter admit at most the limit", async () => {
      const store = new RateLimiterRedis({ storeClient: redis!, keyPrefix: `lease-test-${randomUUID()}`, points: 1_000, duration: 60 });
      const allowed = await twoInstancesAgainst(store);
      expect(allowed).toBeLessThanOrEqual(1_000);
      expect(allowed).toBeGreaterThanOrEqual(1_000 - 2 * sliceSize(1_000));
    });
  });
});
