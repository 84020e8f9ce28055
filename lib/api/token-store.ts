import { eq, sql } from "drizzle-orm";
import { getDb, getDbHandle, reconnectBackoff } from "@/db";
import { TOKEN_CHANGES_CHANNEL } from "@/db/notify";
import { processSingleton } from "@/db/process-singleton";
import { apiTokens } from "@/db/schema";
import { env } from "@/lib/env";
import { parseIpEntry } from "@/lib/net/ip";
import { TokenCache, type ApiToken } from "./token-cache";

export const tokenCache = processSingleton("tokenCache", () => new TokenCache(Date.now, env.TOKEN_CACHE_TTL_MS));

// The hot path's one query, prepared once per database handle (parsed and planned once).
const preparedLookups = new WeakMap<object, ReturnType<typeof prepareLookup>>();
function prepareLookup(db: ReturnType<typeof getDb>) {
  return db
    .select({
      id: apiTokens.id,
      accountId: apiTokens.accountId,
      type: apiTokens.type,
      status: apiTokens.status,
      rateLimit: apiTokens.rateLimit,
      exposedAttributes: apiTokens.exposedAttributes,
      linkingAttribute: apiTokens.linkingAttribute,
      ipAllowList: apiTokens.ipAllowList,
    })
    .from(apiTokens)
    .where(eq(apiTokens.secretHash, sql.placeholder("hash")))
    .prepare("hub_token_by_hash");
}

async function loadToken(hash: string): Promise<ApiToken | null> {
  const db = getDb();
  let lookup = preparedLookups.get(db);
  if (!lookup) preparedLookups.set(db, (lookup = prepareLookup(db)));
  const [row] = await lookup.execute({ hash });
  if (!row) return null;
  // Stored entries were validated on save; anything unparsable is dropped (denies, never widens).
  const ipAllowList = row.ipAllowList.flatMap((text) => {
    const parsed = parseIpEntry(text);
    return parsed.ok ? [parsed.entry] : [];
  });
  // A whitelist that had entries but none readable must not turn into "allow everyone".
  if (row.ipAllowList.length > 0 && ipAllowList.length === 0) return { ...row, status: "revoked", ipAllowList };
  return { ...row, ipAllowList };
}

/** The token with this SHA-256, cached; throws the database's error rather than guessing. */
export async function findTokenByHash(hash: string): Promise<ApiToken | null> {
  const cached = tokenCache.get(hash);
  if (cached !== undefined) return cached;
  const stamp = tokenCache.stamp();
  const token = await loadToken(hash);
  tokenCache.set(hash, token, stamp);
  return token;
}

/**
 * Keeps the cache in step with every instance's changes through Postgres LISTEN/NOTIFY.
 * While the listening connection is down the cache is switched off, so lookups go to the
 * database, and a database outage answers 503 instead of serving what may have been revoked.
 */
export function startTokenInvalidation(): Promise<void> {
  return processSingleton("tokenListener", listen);
}

async function listen(): Promise<void> {
  const handle = getDbHandle();
  const onNotify = (payload: string) => tokenCache.invalidate(payload);
  if (handle.kind === "pglite") {
    // One process owns the embedded database: notifications arrive in-process.
    await handle.client.listen(TOKEN_CHANGES_CHANNEL, onNotify);
    tokenCache.setLive(true);
    return;
  }
  const postgres = (await import("postgres")).default;
  const url = process.env.DATABASE_URL!;
  const connect = async () => {
    let retried = false;
    const retry = () => {
      tokenCache.setLive(false);
      if (retried) return;
      retried = true;
      void listener.end({ timeout: 0 }).catch(() => {});
      setTimeout(() => void connect(), 500).unref();
    };
    const listener = postgres(url, {
      max: 1,
      idle_timeout: 0,
      max_lifetime: null,
      connect_timeout: 5,
      backoff: reconnectBackoff,
      onnotice: () => {},
      onclose: retry,
      // postgres.js supports this option; its type definitions do not list it.
      ...({ onnotify: (channel: string, payload: string) => channel === TOKEN_CHANGES_CHANNEL && onNotify(payload) } as object),
    });
    try {
      await listener.unsafe(`listen ${TOKEN_CHANGES_CHANNEL}`);
      // Anything missed while disconnected is forgotten: start from an empty cache.
      tokenCache.setLive(true);
    } catch {
      retry();
    }
  };
  await connect();
}
