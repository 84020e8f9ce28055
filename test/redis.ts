import { getRedis } from "@/lib/redis";

/**
 * Waits for the Redis connection when REDIS_URL is set. Until it is up, limiters count in
 * memory (their fallback), and the Redis counter then starts from zero: a test that counts a
 * whole budget must start after that.
 */
export async function redisReady(): Promise<void> {
  const redis = getRedis();
  if (!redis || redis.status === "ready") return;
  await new Promise((resolve) => redis.once("ready", resolve));
}
