import type { RateLimiterAbstract } from "rate-limiter-flexible";
import { processSingleton } from "@/db/process-singleton";
import { countOn, sharedLimiter } from "@/lib/rate-limiter";
import { LeasedBudget, type Spend } from "./rate-lease";

const WINDOW_SECONDS = 60;
/** Requests per minute per IP for calls without a valid token (they still get rate-limit headers). */
export const ANONYMOUS_LIMIT = 600;

/**
 * What is counted: a token's requests, anonymous calls per IP, and leak reports per IP (the
 * public revoke and secret-scanning endpoints, which need no token and write to the database).
 */
export type RateKind = "token" | "ip" | "report";

export interface RateState {
  allowed: boolean;
  limit: number;
  remaining: number;
  resetSeconds: number;
}

interface Limiter {
  store: RateLimiterAbstract;
  budget: LeasedBudget;
}

const limiters = processSingleton("apiLimiters", () => new Map<string, Limiter>());

/**
 * The store only counts; the limit is applied by LeasedBudget against the token's current
 * setting. So the counter is one per key whatever the limit: editing a token's limit (600 → 599)
 * must not start it a fresh window's worth of requests.
 */
const COUNT_ONLY = Number.MAX_SAFE_INTEGER;

/**
 * One limiter per kind. With REDIS_URL the counters are shared by every instance, which spend
 * them in small leased slices (rate-lease.ts); if Redis fails, each instance falls back to
 * counting in its own memory (still limited, never open) until Redis answers again.
 */
function limiterFor(kind: RateKind): Limiter {
  let limiter = limiters.get(kind);
  if (!limiter) {
    const store = sharedLimiter({ keyPrefix: `api-${kind}`, points: COUNT_ONLY, duration: WINDOW_SECONDS });
    limiter = { store, budget: new LeasedBudget(
        (k, p) => countOn(store, k, p),
        Date.now,
        (k, p) => store.reward(k, p),
      ) };
    limiters.set(kind, limiter);
  }
  return limiter;
}

function toState(spend: Spend, limit: number): RateState {
  return {
    allowed: spend.allowed,
    limit,
    remaining: Math.max(0, spend.remaining),
    resetSeconds: Math.max(1, Math.ceil(spend.msBeforeNext / 1000)),
  };
}

/** Counts one request against `key`. */
export async function consume(kind: RateKind, key: string, limit: number): Promise<RateState> {
  return toState(await limiterFor(kind).budget.spend(key, limit), limit);
}

/** The current budget without spending any (for refusals that must not eat into it). */
export async function peek(kind: RateKind, key: string, limit: number): Promise<RateState> {
  const limiter = limiterFor(kind);
  const local = limiter.budget.peek(key, limit);
  if (local) return toState(local, limit);
  const res = await limiter.store.get(key);
  if (!res) return { allowed: true, limit, remaining: limit, resetSeconds: WINDOW_SECONDS };
  return toState({ allowed: res.consumedPoints < limit, remaining: limit - res.consumedPoints, msBeforeNext: res.msBeforeNext }, limit);
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
