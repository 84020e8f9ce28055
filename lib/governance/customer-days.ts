import type { Redis } from "ioredis";

/** What a token's day of customers said to one more: let in (new or already there), and how many it holds now. */
export interface DayAnswer {
  admitted: boolean;
  count: number;
}

/**
 * The distinct customers (profile ids) each token was answered with in a UTC day, one set per
 * token and day. `key` names the token and the day; the set ends at `expiresAt` (past midnight).
 */
export interface CustomerDays {
  /** Adds `profileId` if it is in the set already or the set holds fewer than `limit`: one step, whoever else asks. */
  admit(key: string, profileId: string, limit: number, expiresAt: number): Promise<DayAnswer>;
  count(key: string): Promise<number>;
}

// Membership first (already returned today: served, whatever the limit is now), then the count
// against the limit, then the add: in one script, so two instances can never both let in the
// last place's customer.
const ADMIT = `
if redis.call('SISMEMBER', KEYS[1], ARGV[1]) == 1 then return {1, redis.call('SCARD', KEYS[1])} end
local n = redis.call('SCARD', KEYS[1])
if n >= tonumber(ARGV[2]) then return {0, n} end
redis.call('SADD', KEYS[1], ARGV[1])
redis.call('PEXPIREAT', KEYS[1], ARGV[3])
return {1, n + 1}`;

type WithAdmit = Redis & { hubAdmitCustomer(key: string, profileId: string, limit: number, expiresAt: number): Promise<[number, number]> };

/** Shared by every instance: a Redis set per token and day. */
export class RedisCustomerDays implements CustomerDays {
  private redis: WithAdmit;

  constructor(redis: Redis) {
    // ioredis sends the script's SHA (EVALSHA) and falls back to EVAL once after a Redis restart.
    if (!("hubAdmitCustomer" in redis)) redis.defineCommand("hubAdmitCustomer", { numberOfKeys: 1, lua: ADMIT });
    this.redis = redis as WithAdmit;
  }

  async admit(key: string, profileId: string, limit: number, expiresAt: number): Promise<DayAnswer> {
    const [admitted, count] = await this.redis.hubAdmitCustomer(key, profileId, limit, expiresAt);
    return { admitted: admitted === 1, count };
  }

  count(key: string): Promise<number> {
    return this.redis.scard(key);
  }
}

interface Day {
  ids: Set<string>;
  /** Customers counted elsewhere before this set started (Redis's count when it went away). */
  base: number;
  expiresAt: number;
}

/** This process's own sets: the store without Redis (one instance), and the fallback while Redis is away. */
export class MemoryCustomerDays implements CustomerDays {
  private days = new Map<string, Day>();

  constructor(private now: () => number = Date.now) {}

  async admit(key: string, profileId: string, limit: number, expiresAt: number, base = 0): Promise<DayAnswer> {
    const day = this.day(key, expiresAt, base);
    const count = day.base + day.ids.size;
    if (day.ids.has(profileId)) return { admitted: true, count };
    if (count >= limit) return { admitted: false, count };
    day.ids.add(profileId);
    return { admitted: true, count: count + 1 };
  }

  async count(key: string): Promise<number> {
    const day = this.days.get(key);
    return day && day.expiresAt > this.now() ? day.base + day.ids.size : 0;
  }

  private day(key: string, expiresAt: number, base: number): Day {
    let day = this.days.get(key);
    if (day && day.expiresAt > this.now()) return day;
    // A new set: yesterday's are dropped now (keys name their day, so none is read again).
    const now = this.now();
    for (const [k, d] of this.days) if (d.expiresAt <= now) this.days.delete(k);
    day = { ids: new Set(), base, expiresAt };
    this.days.set(key, day);
    return day;
  }
}
