import { clock } from "@/lib/clock";
import { displayStatus, type TokenDisplayStatus } from "@/lib/tokens/expiry";
import { hashToken, parseToken } from "@/lib/tokens/secret";
import { findTokenBySecretHash } from "./queries";

export interface FoundToken {
  id: string;
  description: string;
  status: TokenDisplayStatus;
  /** It matched the old secret of a reset, not the current one. */
  oldSecret: boolean;
}

/**
 * "Find a token": which of this account's tokens a pasted secret is, by its SHA-256 as the API
 * hashes it, current or old (a reset's overlap) secret alike; null when none of this account's.
 * The value is only hashed here: never stored, logged or returned. A string that is not a Hub
 * token (shape and checksum) cannot match, so it costs no database round trip.
 */
export async function findTokenBySecret(accountId: string, pasted: string): Promise<FoundToken | null> {
  const candidate = pasted.trim();
  if (!parseToken(candidate)) return null;
  const row = await findTokenBySecretHash(accountId, hashToken(candidate));
  if (!row) return null;
  return { id: row.id, description: row.description, status: displayStatus(row.status, row.expiresAt, clock.now(), row.exposedAt, row.pausedAt), oldSecret: row.oldSecret };
}
