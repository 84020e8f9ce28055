import "server-only";
import { and, eq, gt, isNotNull, isNull, or } from "drizzle-orm";
import { getDb } from "@/db";
import { notifyTokenChanged } from "@/db/notify";
import { apiTokens, tokenEvents, type TokenFieldChange } from "@/db/schema";
import { formatDateTime } from "@/lib/format";
import { enqueueTokenEvent } from "@/lib/webhooks/outbox";
import { endsRunningOverlap, NO_OLD_SECRET, OLD_TOKEN, recordNaturalEnd, revokeLockedToken } from "./overlap-end";
import { event, lockActiveToken, type Actor } from "./queries";
import type { IssuedSecret } from "./secret";
import type { TokenType } from "./types";

// The secret's life: reset (with or without an overlap), stopping the old secret, revoking.
// Each change, its history row and the NOTIFY that empties every instance's cache commit together.

/** What a change of secret reads from the locked row: the current secret and any overlap still running. */
const SECRETS = {
  secretHash: apiTokens.secretHash,
  displayPrefix: apiTokens.displayPrefix,
  description: apiTokens.description,
  type: apiTokens.type,
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
    await recordNaturalEnd(tx, actor, tokenId, current.oldSecretEndsAt, now);
    const endsAt = new Date(now.getTime() + overlapMs);
    const overlap = overlapMs > 0
      ? {
          oldSecretHash: current.secretHash,
          oldDisplayPrefix: current.displayPrefix,
          oldSecretDeprecatedAt: now,
          oldSecretEndsAt: endsAt,
          // The old secret's last use so far is the token's: Details judges "safe to stop" by it.
          oldLastUsedAt: current.lastUsedAt,
          oldLastUsedIp: current.lastUsedIp,
        }
      : NO_OLD_SECRET;
    const [row] = await tx
      .update(apiTokens)
      .set({ secretHash: secret.hash, displayPrefix: secret.displayPrefix, ...overlap, updatedAt: now })
      .where(and(eq(apiTokens.id, tokenId), eq(apiTokens.accountId, actor.accountId)))
      .returning({ type: apiTokens.type });
    const changes: TokenFieldChange[] = [
      ...endsRunningOverlap(current.oldSecretEndsAt, now),
      { field: "Keep the old token working for", from: "", to: overlapLabel },
    ];
    if (overlapMs > 0) changes.push({ field: OLD_TOKEN, from: "", to: `Works until ${formatDateTime(endsAt)}` });
    await tx.insert(tokenEvents).values(event(actor, tokenId, "reset", changes));
    await enqueueTokenEvent(tx, {
      accountId: actor.accountId,
      type: "token.reset",
      token: { id: tokenId, description: current.description, type: current.type, displayPrefix: secret.displayPrefix },
      actor,
      extra: { previous_prefix: current.displayPrefix, old_token_works_until: overlapMs > 0 ? endsAt.toISOString() : null },
    });
    await notifyTokenChanged(tx, tokenId);
    return row!.type;
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
    const [row] = await tx.select({ endsAt: apiTokens.oldSecretEndsAt }).from(apiTokens).where(running).for("update");
    if (!row) return false;
    await tx.update(apiTokens).set({ ...NO_OLD_SECRET, updatedAt: now }).where(running);
    await tx.insert(tokenEvents).values(event(actor, tokenId, "old_token_stopped", endsRunningOverlap(row.endsAt, now)));
    // Like revoke: every instance drops its cached entry, so the old secret is refused at once.
    await notifyTokenChanged(tx, tokenId);
    return true;
  });
}

/** Revokes for good, both secrets at once. Returns false when the token is missing or already revoked. */
export async function markTokenRevoked(actor: Actor, tokenId: string, now = new Date()): Promise<boolean> {
  return getDb().transaction(async (tx) => {
    const current = await lockActiveToken(tx, actor.accountId, tokenId, SECRETS);
    if (!current) return false;
    const stopped = await revokeLockedToken(tx, { id: tokenId, accountId: actor.accountId, oldSecretEndsAt: current.oldSecretEndsAt }, now);
    await tx.insert(tokenEvents).values(event(actor, tokenId, "revoked", stopped));
    await enqueueTokenEvent(tx, { accountId: actor.accountId, type: "token.revoked", token: { id: tokenId, description: current.description, type: current.type, displayPrefix: current.displayPrefix }, actor });
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
    const [row] = await tx
      .select({ expiresAt: apiTokens.expiresAt, description: apiTokens.description, type: apiTokens.type, displayPrefix: apiTokens.displayPrefix })
      .from(apiTokens)
      .where(live)
      .for("update");
    if (!row) return false;
    await tx.update(apiTokens).set({ expiresAt, updatedAt: now }).where(live);
    const change = { field: "Expires", from: row.expiresAt ? formatDateTime(row.expiresAt) : "Never", to: formatDateTime(expiresAt) };
    await tx.insert(tokenEvents).values(event(actor, tokenId, "edited", [change]));
    const { expiresAt: _before, ...token } = row;
    await enqueueTokenEvent(tx, { accountId: actor.accountId, type: "token.updated", token: { id: tokenId, ...token }, actor, extra: { changed_fields: ["Expires"], expires_at: expiresAt.toISOString() } });
    // Every instance's cached entry carries the expiry: it must learn the new one at once.
    await notifyTokenChanged(tx, tokenId);
    return true;
  });
}
