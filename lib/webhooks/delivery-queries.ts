import { and, asc, eq, inArray, isNotNull, isNull, lt, lte, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb } from "@/db";
import { webhookDeliveries, webhookEndpoints } from "@/db/tables";
import { recordAccountChange } from "@/lib/changes/record-account-change";
import { AUTO_DISABLE_AFTER_MS, autoDisabledReason, nextAttemptAt } from "./retry";
import type { SendResult } from "./send";

// What the worker runs: claim due deliveries, record how an attempt went.

/** A claim lasts longer than one send can take (10 s): a crashed worker's rows return after it. */
export const LEASE_MS = 60_000;

/** How an attempt left its delivery: delivered, to be tried again, or given up. */
export type AttemptOutcome = "delivered" | "retrying" | "failed";

export interface ClaimedDelivery {
  id: number;
  messageId: string;
  endpointId: string;
  payload: Record<string, unknown>;
  attempts: number;
  giveUpAt: Date;
  url: string;
  secretCiphertext: string;
}

// The claim's inner scan: its own name, so the statement can update the same table it reads.
const due = alias(webhookDeliveries, "due");

/**
 * Claims up to `limit` due deliveries of enabled endpoints in one statement (one round trip,
 * also when nothing is due). The inner `FOR UPDATE OF due SKIP LOCKED` lets concurrent workers
 * (other instances) pass over rows another is claiming; a row another worker claimed after this
 * statement began is re-checked against its new lease when locked and dropped. The lease
 * (`locked_until`) then keeps everyone off while it sends: one event is never sent twice at once.
 */
export async function claimDueDeliveries(now: Date, limit = 10, accountId?: string): Promise<ClaimedDelivery[]> {
  const picked = getDb()
    .select({ id: due.id, url: webhookEndpoints.url, secretCiphertext: webhookEndpoints.secretCiphertext })
    .from(due)
    .innerJoin(webhookEndpoints, and(eq(webhookEndpoints.id, due.endpointId), eq(webhookEndpoints.status, "enabled")))
    .where(
      and(
        eq(due.status, "pending"),
        accountId ? eq(due.accountId, accountId) : undefined,
        lte(due.nextAttemptAt, now),
        or(isNull(due.lockedUntil), lte(due.lockedUntil, now)),
      ),
    )
    .orderBy(asc(due.nextAttemptAt), asc(due.id))
    .limit(limit)
    // Only the delivery rows: locking endpoints would make workers wait on each other.
    .for("update", { of: due, skipLocked: true })
    .as("picked");
  const claimed = await getDb()
    .update(webhookDeliveries)
    .set({ lockedUntil: new Date(now.getTime() + LEASE_MS), attempts: sql`${webhookDeliveries.attempts} + 1`, lastAttemptAt: now })
    .where(eq(webhookDeliveries.id, picked.id))
    .from(picked)
    .returning({
      id: webhookDeliveries.id,
      messageId: webhookDeliveries.messageId,
      endpointId: webhookDeliveries.endpointId,
      payload: webhookDeliveries.payload,
      attempts: webhookDeliveries.attempts,
      giveUpAt: webhookDeliveries.giveUpAt,
      url: picked.url,
      secretCiphertext: picked.secretCiphertext,
    });
  return claimed.sort((a, b) => a.id - b.id);
}

/**
 * Records one attempt. Success clears the endpoint's failure streak; a failure schedules the
 * next try (or gives up after 24 h) and disables an endpoint that has failed for 24 h.
 */
export async function recordAttempt(delivery: ClaimedDelivery, result: SendResult, now: Date): Promise<AttemptOutcome> {
  return getDb().transaction(async (tx): Promise<AttemptOutcome> => {
    // Only the claim that made this attempt writes its outcome.
    const mine = and(eq(webhookDeliveries.id, delivery.id), eq(webhookDeliveries.attempts, delivery.attempts));
    const common = { lastStatus: result.status, lastLatencyMs: result.latencyMs, lastError: result.error, lockedUntil: null };
    if (result.ok) {
      await tx.update(webhookDeliveries).set({ ...common, status: "delivered", deliveredAt: now }).where(mine);
      // Usually already null: only a streak's end is written, not every success.
      await tx
        .update(webhookEndpoints)
        .set({ failingSince: null })
        .where(and(eq(webhookEndpoints.id, delivery.endpointId), isNotNull(webhookEndpoints.failingSince)));
      return "delivered";
    }
    const next = nextAttemptAt(delivery.attempts, now, delivery.giveUpAt);
    await tx
      .update(webhookDeliveries)
      .set(next ? { ...common, nextAttemptAt: next } : { ...common, status: "failed" })
      .where(mine);
    const [endpoint] = await tx
      .update(webhookEndpoints)
      .set({ failingSince: sql`coalesce(${webhookEndpoints.failingSince}, ${now.toISOString()}::timestamptz)` })
      .where(eq(webhookEndpoints.id, delivery.endpointId))
      .returning({ failingSince: webhookEndpoints.failingSince });
    if (endpoint?.failingSince && now.getTime() - endpoint.failingSince.getTime() >= AUTO_DISABLE_AFTER_MS) {
      const [disabled] = await tx
        .update(webhookEndpoints)
        .set({ status: "disabled", disabledReason: autoDisabledReason(result.error ?? "no answer") })
        .where(and(eq(webhookEndpoints.id, delivery.endpointId), eq(webhookEndpoints.status, "enabled")))
        .returning({ accountId: webhookEndpoints.accountId, description: webhookEndpoints.description, url: webhookEndpoints.url });
      if (disabled) {
        const target = { kind: "webhook_endpoint" as const, id: delivery.endpointId, label: disabled.description || disabled.url };
        await recordAccountChange(tx, { accountId: disabled.accountId, actor: { kind: "system", name: "System" }, action: "webhook_endpoint.disabled", target, detail: { automatic: true } });
      }
    }
    return next ? "retrying" : "failed";
  });
}

/**
 * Retention: deletes up to `batch` delivered or failed deliveries last attempted before `cutoff`
 * (pending ones, resent ones included, are kept). Rows a concurrent run on another instance holds
 * are skipped, so instances never wait on each other.
 */
export async function deleteFinishedDeliveries(batch: number, cutoff: Date): Promise<number> {
  const db = getDb();
  const old = db
    .select({ id: webhookDeliveries.id })
    .from(webhookDeliveries)
    .where(and(inArray(webhookDeliveries.status, ["delivered", "failed"]), lt(webhookDeliveries.lastAttemptAt, cutoff)))
    .limit(batch)
    .for("update", { skipLocked: true });
  const deleted = await db.delete(webhookDeliveries).where(inArray(webhookDeliveries.id, old)).returning({ id: webhookDeliveries.id });
  return deleted.length;
}

/** The outbox's backlog: deliveries waiting to be sent, and how long the oldest due one has waited (0: none due). */
export async function outboxBacklog(now: Date): Promise<{ pending: number; oldestDueSeconds: number }> {
  const [row] = await getDb()
    .select({
      pending: sql<number>`count(*)::int`,
      oldestDue: sql<Date | string | null>`min(${webhookDeliveries.nextAttemptAt}) filter (where ${webhookDeliveries.nextAttemptAt} <= ${now.toISOString()}::timestamptz)`,
    })
    .from(webhookDeliveries)
    .where(eq(webhookDeliveries.status, "pending"));
  const oldest = row?.oldestDue ? new Date(row.oldestDue).getTime() : null;
  return { pending: row?.pending ?? 0, oldestDueSeconds: oldest === null ? 0 : Math.max(0, (now.getTime() - oldest) / 1000) };
}
