import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract, type RateLimiterRes } from "rate-limiter-flexible";
import { getRedis } from "@/lib/redis";

export interface LimiterPolicy {
  keyPrefix: string;
  points: number;
  /** The window, in seconds. */
  duration: number;
}

/**
 * A fixed-window counter: in Redis when REDIS_URL is set, so every instance shares it, else in
 * this process's memory. If Redis fails, the memory limiter keeps counting on this instance
 * until Redis answers again: degraded, never open.
 */
export function sharedLimiter(policy: LimiterPolicy): RateLimiterAbstract {
  const memory = new RateLimiterMemory(policy);
  const redis = getRedis();
  return redis ? new RateLimiterRedis({ ...policy, storeClient: redis, insuranceLimiter: memory }) : memory;
}

/**
 * A refusal from a limiter. Tested by shape, not class: Next compiles server actions and route
 * handlers into separate bundles, each with its own copy of the library, while the limiters are
 * process singletons shared by both, so a refusal may be another copy's RateLimiterRes.
 */
function isRefusal(value: unknown): value is RateLimiterRes {
  return typeof value === "object" && value !== null && "consumedPoints" in value && "msBeforeNext" in value && !(value instanceof Error);
}

/** Adds `points` to `key`'s counter; a refusal is an answer too (the counter still moved). */
export async function countOn(store: RateLimiterAbstract, key: string, points = 1): Promise<RateLimiterRes> {
  try {
    return await store.consume(key, points);
  } catch (rejection) {
    if (isRefusal(rejection)) return rejection;
    throw rejection;
  }
}
