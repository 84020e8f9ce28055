import type { RateLimiterAbstract } from "rate-limiter-flexible";
import { processSingleton } from "@/db/process-singleton";
import { countOn, sharedLimiter } from "@/lib/rate-limiter";
import { LeasedBudget, type Spend } from "./rate-lease";

const WINDOW_SECONDS = 60;
/** Requests per minute per IP for calls without a valid token (they still get rate-limit headers). */
export const ANONYMOUS_LIMIT = 600;

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
 * One limiter per (kind, points): a token's limit comes from its settings. With REDIS_URL the
 * counters are shared by every instance, which spend them in small leased slices (rate-lease.ts);
 * if Redis fails, each instance falls back to counting in its own memory (still limited, never
 * open) until Redis answers again.
 */
function limiterFor(kind: "token" | "ip", points: number): Limiter {
  const key = `${kind}:${points}`;
  let limiter = limiters.get(key);
  if (!limiter) {
    const store = sharedLimiter({ keyPrefix: `api-${kind}`, points, duration: WINDOW_SECONDS });
    limiter = { store, budget: new LeasedBudget((k, p) => countOn(store, k, p)) };
    limiters.set(key, limiter);
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
export async function consume(kind: "token" | "ip", key: string, limit: number): Promise<RateState> {
  return toState(await limiterFor(kind, limit).budget.spend(key, limit), limit);
}

/** The current budget without spending any (for refusals that must not eat into it). */
export async function peek(kind: "token" | "ip", key: string, limit: number): Promise<RateState> {
  const limiter = limiterFor(kind, limit);
  const local = limiter.budget.peek(key);
  if (local) return toState(local, limit);
  const res = await limiter.store.get(key);
  if (!res) return { allowed: true, limit, remaining: limit, resetSeconds: WINDOW_SECONDS };
  return toState({ allowed: res.consumedPoints <= limit, remaining: res.remainingPoints, msBeforeNext: res.msBeforeNext }, limit);
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
