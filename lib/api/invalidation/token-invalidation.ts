import { getDbHandle, reconnectBackoff } from "@/db";
import { readDbConfig } from "@/db/config";
import { PROFILE_CHANGES_CHANNEL, TOKEN_CHANGES_CHANNEL } from "@/db/notify";
import { processSingleton } from "@/db/process-singleton";
import { Heartbeat } from "./listener-heartbeat";
import { profileCache } from "./profile-cache";
import { parseProfileChange } from "./profile-changes";
import { tokenCache } from "../auth/token-cache";

/**
 * Keeps the caches in step with every instance's changes through Postgres LISTEN/NOTIFY: the
 * token cache with token changes, the profile cache with profile changes (sent by a trigger,
 * so whoever writes). One connection carries both. While it is down (or silent: see
 * listener-heartbeat.ts) both caches are switched off, so lookups go to the database, and a
 * database outage answers 503 instead of serving what may have been revoked or changed.
 */
export function startTokenInvalidation(): Promise<void> {
  return processSingleton("tokenListener", listen);
}

type Postgres = typeof import("postgres");

const onNotify = (payload: string) => tokenCache.invalidate(payload);
const onProfileNotify = (payload: string) => profileCache.invalidate(parseProfileChange(payload));

/** Both caches on (the listener delivers) or off (it may have missed something): emptied either way. */
function setCachesLive(live: boolean) {
  tokenCache.setLive(live);
  profileCache.setLive(live);
}

async function listen(): Promise<void> {
  const handle = getDbHandle();
  if (handle.kind === "pglite") {
    // One process owns the embedded database: notifications arrive in-process.
    await handle.client.listen(TOKEN_CHANGES_CHANNEL, onNotify);
    await handle.client.listen(PROFILE_CHANGES_CHANNEL, onProfileNotify);
    setCachesLive(true);
    return;
  }
  // Loaded here: with PGlite the listener needs no driver.
  await connect((await import("postgres")).default, readDbConfig().DATABASE_URL!);
}

/**
 * One listening connection; when it closes, or its heartbeat stops coming back (half-open:
 * no error, no notifications), the cache goes off and a new one is tried.
 */
async function connect(postgres: Postgres, url: string): Promise<void> {
  let retried = false;
  const retry = () => {
    setCachesLive(false);
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
      onnotify: (channel: string, payload: string) => {
        if (channel === PROFILE_CHANGES_CHANNEL) onProfileNotify(payload);
        else if (channel === TOKEN_CHANGES_CHANNEL && !heartbeat.received(payload)) onNotify(payload);
      },
    } as object),
  });
  try {
    await listener.unsafe(`listen ${TOKEN_CHANGES_CHANNEL}`);
    await listener.unsafe(`listen ${PROFILE_CHANGES_CHANNEL}`);
    // Anything missed while disconnected is forgotten: start from empty caches.
    setCachesLive(true);
    heartbeat.start();
  } catch {
    retry();
  }
}
