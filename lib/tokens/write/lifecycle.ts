import "server-only";
import { and, eq, gt, isNotNull, isNull, or } from "drizzle-orm";
import { getDb } from "@/db";
import { apiTokens, type TokenFieldChange } from "@/db/tables";
import { byUser, recordChange, type Actor } from "@/lib/changes/record-change";
import { formatDateTime } from "@/lib/format";
import type { IssuedSecret } from "../secret";
import type { TokenType } from "../types";
import { lockActiveToken, TARGET } from "./lock";
import { endsRunningOverlap, NO_OLD_SECRET, OLD_TOKEN, recordNaturalEnd, revokeLockedToken } from "./overlap-end";

// The secret's life: reset (with or without an overlap), stopping the old secret, revoking, and
// shortening the expiry. Each change and its record (recordChange) commit together.

/** What a change of secret reads from the locked row: the current secret and any overlap still running. */
const SECRETS = {
  ...TARGET,
  secretHash: apiTokens.secretHash,
  lastUsedAt: apiTokens.lastUsedAt,
  lastUsedIp: apiTokens.lastUsedIp,
  oldSecretEndsAt: apiTokens.oldSecretEndsAt,
};

export interface Rotation {
  secret: IssuedSecret;
  /** How long the old secret keeps working; 0 stops it at once (the default). */
  overlapMs: number;
  /** What History calls the choice, e.g. "1 hour". */
  overlapLabel: string;
  now: Date;
}

/**
 * Replaces an active token's secret. With an overlap the current secret becomes the old one
 * until `now + overlapMs`; any earlier old secret ends here either way, so at most two live.
 */
export async function rotateTokenSecret(actor: Actor, tokenId: string, rotation: Rotation): Promise<TokenType | null> {
  const { secret, overlapMs, overlapLabel, now } = rotation;
  return getDb().transaction(async (tx) => {
    // Invariant: the new hash, the old one's window and the history row commit together.
    const current = await lockActiveToken(tx, actor.accountId, tokenId, SECRETS);
    if (!current) return null;
    const { secretHash, lastUsedAt, lastUsedIp, oldSecretEndsAt, ...target } = current;
    await recordNaturalEnd(tx, target, oldSecretEndsAt, now);
    const endsAt = new Date(now.getTime() + overlapMs);
    const overlap = overlapMs > 0
      ? {
          oldSecretHash: secretHash,
          oldDisplayPrefix: target.displayPrefix,
          oldSecretDeprecatedAt: now,
          oldSecretEndsAt: endsAt,
          // The old secret's last use so far is the token's: Details judges "safe to stop" by it.
          oldLastUsedAt: lastUsedAt,
          oldLastUsedIp: lastUsedIp,
        }
      : NO_OLD_SECRET;
    await tx
      .update(apiTokens)
      .set({ secretHash: secret.hash, displayPrefix: secret.displayPrefix, ...overlap, updatedAt: now })
      .where(and(eq(apiTokens.id, tokenId), eq(apiTokens.accountId, actor.accountId)));
    const changes: TokenFieldChange[] = [
      ...endsRunningOverlap(oldSecretEndsAt, now),
      { field: "Keep the old token working for", from: "", to: overlapLabel },
    ];
    if (overlapMs > 0) changes.push({ field: OLD_TOKEN, from: "", to: `Works until ${formatDateTime(endsAt)}` });
    await recordChange(tx, {
      kind: "token.reset",
      actor: byUser(actor),
      target: { ...target, displayPrefix: secret.displayPrefix },
      changes,
      details: { previous_prefix: target.displayPrefix, old_token_works_until: overlapMs > 0 ? endsAt.toISOString() : null },
    });
    return target.type;
  });
}

/** "Stop old token now": ends a running overlap at once. False when none is running. */
export async function stopOldSecret(actor: Actor, tokenId: string, now: Date): Promise<boolean> {
  return getDb().transaction(async (tx) => {
    const running = and(
      eq(apiTokens.id, tokenId),
      eq(apiTokens.accountId, actor.accountId),
      eq(apiTokens.status, "active"),
      isNotNull(apiTokens.oldSecretHash),
      gt(apiTokens.oldSecretEndsAt, now),
    );
    const [row] = await tx.select({ ...TARGET, endsAt: apiTokens.oldSecretEndsAt }).from(apiTokens).where(running).for("update");
    if (!row) return false;
    await tx.update(apiTokens).set({ ...NO_OLD_SECRET, updatedAt: now }).where(running);
    // Like revoke, it invalidates: every instance drops its cached entry, so the old secret is refused at once.
    const { endsAt, ...target } = row;
    await recordChange(tx, { kind: "token.old_token_stopped", actor: byUser(actor), target, changes: endsRunningOverlap(endsAt, now) });
    return true;
  });
}

/** Revokes for good, both secrets at once. Returns false when the token is missing or already revoked. */
export async function markTokenRevoked(actor: Actor, tokenId: string, now = new Date()): Promise<boolean> {
  return getDb().transaction(async (tx) => {
    const current = await lockActiveToken(tx, actor.accountId, tokenId, { ...TARGET, oldSecretEndsAt: apiTokens.oldSecretEndsAt });
    if (!current) return false;
    await revokeLockedToken(tx, current, now, { kind: "token.revoked", actor: byUser(actor) });
    return true;
  });
}

/** Moves a live token's expiry earlier, never later. False when that would not shorten it. */
export async function shortenTokenExpiry(actor: Actor, tokenId: string, expiresAt: Date, now: Date): Promise<boolean> {
  return getDb().transaction(async (tx) => {
    const live = and(
      eq(apiTokens.id, tokenId),
      eq(apiTokens.accountId, actor.accountId),
      eq(apiTokens.status, "active"),
      or(isNull(apiTokens.expiresAt), and(gt(apiTokens.expiresAt, expiresAt), gt(apiTokens.expiresAt, now))),
    );
    const [row] = await tx.select({ ...TARGET, expiresAt: apiTokens.expiresAt }).from(apiTokens).where(live).for("update");
    if (!row) return false;
    await tx.update(apiTokens).set({ expiresAt, updatedAt: now }).where(live);
    const { expiresAt: before, ...target } = row;
    const change = { field: "Expires", from: before ? formatDateTime(before) : "Never", to: formatDateTime(expiresAt) };
    // Invalidates: every instance's cached entry carries the expiry and must learn the new one at once.
    await recordChange(tx, { kind: "token.updated", actor: byUser(actor), target, changes: [change], details: { expires_at: expiresAt.toISOString() } });
    return true;
  });
}
