import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { getRedis } from "@/lib/redis";

/** Failed sign-ins allowed per window before that email, or that IP, must wait. */
export const signInPolicy = {
  perEmail: { points: 5, duration: 15 * 60 },
  perIp: { points: 30, duration: 15 * 60 },
} as const;

function limiter(keyPrefix: string, policy: { points: number; duration: number }): RateLimiterAbstract {
  const redis = getRedis();
  const memory = new RateLimiterMemory({ keyPrefix, ...policy });
  // With Redis down the memory limiter still throttles this instance: degraded, never open.
  return redis ? new RateLimiterRedis({ storeClient: redis, keyPrefix, ...policy, insuranceLimiter: memory }) : memory;
}

const cache = globalThis as unknown as { __hubSignInLimiters?: { email: RateLimiterAbstract; ip: RateLimiterAbstract } };
function limiters() {
  cache.__hubSignInLimiters ??= {
    email: limiter("signin-email", signInPolicy.perEmail),
    ip: limiter("signin-ip", signInPolicy.perIp),
  };
  return cache.__hubSignInLimiters;
}

/** Seconds until this email and IP may try again, or 0 when they may try now. */
export async function signInRetryAfter(email: string, ip: string): Promise<number> {
  const { email: byEmail, ip: byIp } = limiters();
  const [e, i] = await Promise.all([byEmail.get(email), byIp.get(ip)]);
  const blocked = [
    [e, signInPolicy.perEmail.points],
    [i, signInPolicy.perIp.points],
  ] as const;
  let wait = 0;
  for (const [res, points] of blocked) {
    if (res && res.consumedPoints >= points) wait = Math.max(wait, Math.ceil(res.msBeforeNext / 1000));
  }
  return wait;
}

export async function recordFailedSignIn(email: string, ip: string): Promise<void> {
  const { email: byEmail, ip: byIp } = limiters();
  await Promise.all([byEmail.consume(email).catch(swallowLimit), byIp.consume(ip).catch(swallowLimit)]);
}

export async function clearFailedSignIns(email: string): Promise<void> {
  await limiters().email.delete(email);
}

function swallowLimit(error: unknown) {
  // A rejection with RateLimiterRes only means "already over the limit": the count is what we want.
  if (error instanceof RateLimiterRes) return;
  throw error;
}
