import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { getRedis } from "@/lib/redis";

const WINDOW_SECONDS = 60;
/** Requests per minute per IP for calls without a valid token (they still get rate-limit headers). */
export const ANONYMOUS_LIMIT = 600;

export interface RateState {
  allowed: boolean;
  limit: number;
  remaining: number;
  resetSeconds: number;
}

const cache = globalThis as unknown as { __hubApiLimiters?: Map<string, RateLimiterAbstract> };
const limiters = (cache.__hubApiLimiters ??= new Map());

/**
 * One limiter per (kind, points): a token's limit comes from its settings. With REDIS_URL the
 * counters are shared by every instance; if Redis fails, each instance falls back to counting
 * in its own memory (still limited, never open) until Redis answers again.
 */
function limiterFor(kind: "token" | "ip", points: number): RateLimiterAbstract {
  const key = `${kind}:${points}`;
  let limiter = limiters.get(key);
  if (!limiter) {
    const options = { keyPrefix: `api-${kind}`, points, duration: WINDOW_SECONDS };
    const memory = new RateLimiterMemory(options);
    const redis = getRedis();
    limiter = redis ? new RateLimiterRedis({ ...options, storeClient: redis, insuranceLimiter: memory }) : memory;
    limiters.set(key, limiter);
  }
  return limiter;
}

function toState(res: RateLimiterRes, limit: number, allowed: boolean): RateState {
  return {
    allowed,
    limit,
    remaining: Math.max(0, res.remainingPoints),
    resetSeconds: Math.max(1, Math.ceil(res.msBeforeNext / 1000)),
  };
}

/** Counts one request against `key`. */
export async function consume(kind: "token" | "ip", key: string, limit: number): Promise<RateState> {
  try {
    return toState(await limiterFor(kind, limit).consume(key), limit, true);
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) return toState(rejection, limit, false);
    throw rejection;
  }
}

/** The current budget without spending any (for refusals that must not eat into it). */
export async function peek(kind: "token" | "ip", key: string, limit: number): Promise<RateState> {
  const res = await limiterFor(kind, limit).get(key);
  if (!res) return { allowed: true, limit, remaining: limit, resetSeconds: WINDOW_SECONDS };
  return toState(res, limit, res.consumedPoints <= limit);
}

/** The IETF draft's fields (draft-ietf-httpapi-ratelimit-headers), plus Retry-After on a 429. */
export function rateLimitHeaders(state: RateState): Record<string, string> {
  const headers: Record<string, string> = {
    "RateLimit-Policy": `"default";q=${state.limit};w=${WINDOW_SECONDS}`,
    RateLimit: `"default";r=${state.remaining};t=${state.resetSeconds}`,
  };
  if (!state.allowed) headers["Retry-After"] = String(state.resetSeconds);
  return headers;
}
