import { Redis } from "ioredis";
import { processSingleton } from "@/db/process-singleton";
import { env } from "@/lib/env";

function connect(): Redis | null {
  if (!env.REDIS_URL) return null;
  const redis = new Redis(env.REDIS_URL, {
    // Rate limiters must answer now or fall back, not queue commands while Redis is away.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    lazyConnect: false,
    enableAutoPipelining: true,
  });
  redis.on("error", () => {
    // Connection errors surface through the commands that fail; ioredis reconnects by itself.
  });
  return redis;
}

/** The process's shared Redis client when REDIS_URL is set; null means "use memory". */
export function getRedis(): Redis | null {
  return processSingleton("redis", connect);
}
