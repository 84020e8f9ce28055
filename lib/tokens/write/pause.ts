import { and, eq, gt, inArray, isNull, lt, or, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { accounts, apiTokens } from "@/db/tables";
import { byUser, recordChange, type Actor, type ChangeActor } from "@/lib/changes/record-change";
import { lockActiveToken, TARGET } from "./lock";

// Pause and resume (PRODUCT.md §12): a paused token is refused like a revoked one, but keeps its
// settings, its secret and its slot under the cap (its status stays "active"). The policy's
// periodic job pauses tokens not used for a while; it runs in the server process, outside Next:
// no "server-only" here.

const STATUS = "Status";
const BATCH = 200;

/** Pauses an active, unpaused token. False when it is missing, revoked or already paused. */
export async function markTokenPaused(actor: Actor, tokenId: string, now: Date): Promise<boolean> {
  return getDb().transaction(async (tx) => {
    const current = await lockActiveToken(tx, actor.accountId, tokenId, { ...TARGET, pausedAt: apiTokens.pausedAt });
    if (!current || current.pausedAt) return false;
    const { pausedAt: _pausedAt, ...target } = current;
    await tx.update(apiTokens).set({ pausedAt: now, pausedReason: null, updatedAt: now }).where(eq(apiTokens.id, tokenId));
    // Invalidates: every instance drops its cached entry and refuses the token from the commit on.
    await recordChange(tx, { kind: "token.paused", actor: byUser(actor), target, changes: [{ field: STATUS, from: "Active", to: "Paused" }] });
    return true;
  });
}

/** Resumes a paused token. False when it is missing, revoked or not paused. */
export async function markTokenResumed(actor: Actor, tokenId: string, now: Date): Promise<boolean> {
  return getDb().transaction(async (tx) => {
    const current = await lockActiveToken(tx, actor.accountId, tokenId, { ...TARGET, pausedAt: apiTokens.pausedAt, pausedReason: apiTokens.pausedReason });
    if (!current || !current.pausedAt) return false;
    const { pausedAt: _pausedAt, pausedReason, ...target } = current;
    await tx.update(apiTokens).set({ pausedAt: null, pausedReason: null, resumedAt: now, updatedAt: now }).where(eq(apiTokens.id, tokenId));
    const from = pausedReason ? `Paused: ${pausedReason}` : "Paused";
    await recordChange(tx, { kind: "token.resumed", actor: byUser(actor), target, changes: [{ field: STATUS, from, to: "Active" }] });
    return true;
  });
}

const POLICY: ChangeActor = { kind: "system", name: "Hub (token policy)" };

/**
 * The policy's pause for disuse: live tokens of accounts that pause after N days, whose last use
 * (either secret), creation and last resume all lie more than N days before `now`. One guarded
 * UPDATE (still active, unpaused, unused): when two instances race, the second waits on the
 * first's row locks, re-reads the rows and finds them paused, so each token is paused, and
 * recorded, once. Returns how many it paused; a batch at a time until none is left.
 */
export async function pauseUnusedTokens(now: Date): Promise<number> {
  let paused = 0;
  for (;;) {
    const batch = await pauseUnusedBatch(now);
    paused += batch;
    if (batch < BATCH) return paused;
  }
}

/** The policy's days for the token's account, read in the statement itself (a correlated subquery). */
// The outer column is named in full: Drizzle leaves a one-table select's columns unqualified.
const policyDays = sql`(select a.pause_unused_after_days from ${accounts} a where a.id = ${sql.raw('"api_tokens"."account_id"')})`;

/** Live, unpaused, and unused (by either secret) since creation or the last resume for longer than its account's policy. */
const dueAt = (now: Date) =>
  and(
    eq(apiTokens.status, "active"),
    isNull(apiTokens.pausedAt),
    or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, now)),
    lt(
      sql`greatest(${apiTokens.createdAt}, ${apiTokens.lastUsedAt}, ${apiTokens.oldLastUsedAt}, ${apiTokens.resumedAt})`,
      sql`${now.toISOString()}::timestamptz - make_interval(days => ${policyDays})`,
    ),
  );

function pauseUnusedBatch(now: Date): Promise<number> {
  return getDb().transaction(async (tx) => {
    const candidates = tx.select({ id: apiTokens.id }).from(apiTokens).where(dueAt(now)).limit(BATCH);
    // The guard is repeated on the rows themselves: a row another instance paused first no longer matches.
    const rows = await tx
      .update(apiTokens)
      .set({ pausedAt: now, pausedReason: sql`'Not used for ' || ${policyDays} || ' days'`, updatedAt: now })
      .where(and(inArray(apiTokens.id, candidates), dueAt(now)))
      .returning({ ...TARGET, reason: apiTokens.pausedReason });
    for (const { reason, ...target } of rows) {
      // Recorded like a manual pause, by the Hub, with the reason: History, audit log, webhook, NOTIFY.
      await recordChange(tx, { kind: "token.paused", actor: POLICY, target, reason: reason!, changes: [{ field: STATUS, from: "Active", to: `Paused: ${reason}` }] });
    }
    return rows.length;
  });
}
