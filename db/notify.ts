import { sql } from "drizzle-orm";
import type { Tx } from "./index";

/** Every app instance LISTENs here and drops its cached copy of the named token. */
export const TOKEN_CHANGES_CHANNEL = "hub_token_changes";

/**
 * Called inside the transaction that changes a token: Postgres delivers the notification only
 * when that transaction commits, so no instance drops its cache for a change that rolled back.
 */
export async function notifyTokenChanged(tx: Tx, tokenId: string): Promise<void> {
  await tx.execute(sql`select pg_notify(${TOKEN_CHANGES_CHANNEL}, ${tokenId})`);
}

/**
 * Every app instance LISTENs here too and forgets the cached Profile Read answers a profile
 * change affects. Sent by triggers on the profiles table (migration 0012), so every writer's
 * change arrives, on commit; the payload format is read in lib/api/invalidation/profile-changes.ts.
 */
export const PROFILE_CHANGES_CHANNEL = "hub_profile_changes";
