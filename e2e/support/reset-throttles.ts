import { Redis } from "ioredis";

/**
 * The journeys' accounts are recreated for every run, but a local Redis keeps sign-in counters
 * for 15 minutes: a second run within that time would start throttled. Forget the counters of
 * the journeys' emails and of loopback addresses (only on a Redis on this machine).
 */
export async function resetSignInThrottles(url = process.env.REDIS_URL): Promise<void> {
  if (!url) return;
  const host = new URL(url).hostname.replace(/^\[|\]$/g, "");
  if (!["localhost", "127.0.0.1", "::1"].includes(host)) throw new Error(`Refusing to reset counters on a non-local Redis (${host}).`);
  const redis = new Redis(url, { maxRetriesPerRequest: 1 });
  try {
    for (const pattern of ["signin-*e2e-*", "signin-ip:127.*", "signin-ip:::1"]) {
      const keys = await redis.keys(`*${pattern}`);
      if (keys.length > 0) await redis.del(...keys);
    }
  } finally {
    redis.disconnect();
  }
}
