import { getDbHandle, reconnectBackoff } from "@/db";
import { TOKEN_CHANGES_CHANNEL } from "@/db/notify";
import { processSingleton } from "@/db/process-singleton";
import { Heartbeat } from "./listener-heartbeat";
import { tokenCache } from "./token-cache";

/**
 * Keeps the cache in step with every instance's changes through Postgres LISTEN/NOTIFY.
 * While the listening connection is down (or silent: see listener-heartbeat.ts) the cache is
 * switched off, so lookups go to the database, and a database outage answers 503 instead of
 * serving what may have been revoked.
 */
export function startTokenInvalidation(): Promise<void> {
  return processSingleton("tokenListener", listen);
}

type Postgres = typeof import("postgres");

const onNotify = (payload: string) => tokenCache.invalidate(payload);

async function listen(): Promise<void> {
  const handle = getDbHandle();
  if (handle.kind === "pglite") {
    // One process owns the embedded database: notifications arrive in-process.
    await handle.client.listen(TOKEN_CHANGES_CHANNEL, onNotify);
    tokenCache.setLive(true);
    return;
  }
  // Loaded here: with PGlite the listener needs no driver.
  await connect((await import("postgres")).default, process.env.DATABASE_URL!);
}

/**
 * One listening connection; when it closes, or its heartbeat stops coming back (half-open:
 * no error, no notifications), the cache goes off and a new one is tried.
 */
async function connect(postgres: Postgres, url: string): Promise<void> {
  let retried = false;
  const retry = () => {
    tokenCache.setLive(false);
    heartbeat.stop();
    if (retried) return;
    retried = true;
    void listener.end({ timeout: 0 }).catch(() => {});
    setTimeout(() => void connect(postgres, url), 500).unref();
  };
  const heartbeat = new Heartbeat((payload) => listener.unsafe("select pg_notify($1, $2)", [TOKEN_CHANGES_CHANNEL, payload]), retry);
  const listener = postgres(url, {
    max: 1,
    idle_timeout: 0,
    max_lifetime: null,
    connect_timeout: 5,
    backoff: reconnectBackoff,
    onnotice: () => {},
    onclose: retry,
    // postgres.js supports this option; its type definitions do not list it.
    ...({
      onnotify: (channel: string, payload: string) => channel === TOKEN_CHANGES_CHANNEL && !heartbeat.received(payload) && onNotify(payload),
    } as object),
  });
  try {
    await listener.unsafe(`listen ${TOKEN_CHANGES_CHANNEL}`);
    // Anything missed while disconnected is forgotten: start from an empty cache.
    tokenCache.setLive(true);
    heartbeat.start();
  } catch {
    retry();
  }
}
