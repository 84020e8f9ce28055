import { Redis } from "ioredis";
import { env } from "@/lib/env";

const cache = globalThis as unknown as { __hubRedis?: Redis | null };

/** The process's shared Redis client when REDIS_URL is set; null means "use memory". */
export function getRedis(): Redis | null {
  if (cache.__hubRedis !== undefined) return cache.__hubRedis;
  cache.__hubRedis = env.REDIS_URL
    ? new Redis(env.REDIS_URL, {
        // Rate limiters must answer now or fall back, not queue commands while Redis is away.
        enableOfflineQueue: false,
        maxRetriesPerRequest: 1,
        lazyConnect: false,
        enableAutoPipelining: true,
      })
    : null;
  cache.__hubRedis?.on("error", () => {
    // Connection errors surface through the commands that fail; ioredis reconnects by itself.
  });
  return cache.__hubRedis;
}
