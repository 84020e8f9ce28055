import { and, eq } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import type { SelectResultFields } from "drizzle-orm/query-builders/select.types";
import type { Tx } from "@/db";
import { apiTokens } from "@/db/tables";

/** What a change reads of the token it is about: the target `recordChange` names (never the hash). */
export const TARGET = {
  id: apiTokens.id,
  accountId: apiTokens.accountId,
  description: apiTokens.description,
  type: apiTokens.type,
  displayPrefix: apiTokens.displayPrefix,
  // The webhook payload's token carries them: what an Activity token may call.
  scopes: apiTokens.scopes,
};

/**
 * Locks an account's active token for an edit, reset or revoke and reads `columns`; null when it
 * is missing, another account's or revoked. Concurrent changes to one token queue here.
 */
export async function lockActiveToken<T extends Record<string, PgColumn>>(tx: Tx, accountId: string, tokenId: string, columns: T) {
  const rows = await tx
    .select(columns)
    .from(apiTokens)
    .where(and(eq(apiTokens.id, tokenId), eq(apiTokens.accountId, accountId), eq(apiTokens.status, "active")))
    .for("update");
  // Drizzle cannot name the row of a selection that is still generic; this is the type it infers at each call.
  return (rows as unknown as SelectResultFields<T>[])[0] ?? null;
}
