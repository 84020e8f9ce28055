import { and, eq, inArray, isNotNull, isNull, lt, lte, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb } from "@/db";
import { webhookDeliveries, webhookEndpoints } from "@/db/tables";
import { recordAccountChange } from "@/lib/changes/record-account-change";
import { AUTO_DISABLE_AFTER_MS, autoDisabledReason, nextAttemptAt } from "./retry";
import { SEND_TIMEOUT_MS, type SendResult } from "./send";

// What the worker runs: claim due deliveries, record how an attempt went.

/**
 * A claim holds one send per endpoint (sends to distinct endpoints run at once, lib/webhooks/worker.ts),
 * so its lease covers that send's timeout with a wide margin: a row is never claimed again while
 * its send may still be in flight, and a crashed worker's rows return after it.
 */
export const LEASE_MS = 6 * SEND_TIMEOUT_MS;

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

// The claim's lock step: its own name, so the statement can update the same table it reads.
const due = alias(webhookDeliveries, "due");

// Ids are uuids checked by the caller (session accounts, claimed endpoints): a typed array parameter.
const uuidList = (ids: readonly string[]) => sql`${`{${ids.join(",")}}`}::uuid[]`;

/**
 * The fair order: each endpoint's oldest due delivery (one per endpoint, so one slow or flooded
 * receiver holds one send at a time), then round-robin across accounts (every account's first
 * endpoint before any account's second). The endpoints with pending rows are found by skipping
 * through `webhook_deliveries_endpoint_due` (one index probe per endpoint, not a scan of the
 * backlog), so a claim costs the same with 1,000 or 1,000,000 rows queued.
 */
function fairCandidates(now: Date, limit: number, accountIds: readonly string[] | null, skipEndpoints: readonly string[]) {
  const at = sql`${now.toISOString()}::timestamptz`;
  return sql`(
    with recursive queued(endpoint_id) as (
      (select endpoint_id from webhook_deliveries where status = 'pending' order by endpoint_id limit 1)
      union all
      select (select d.endpoint_id from webhook_deliveries d where d.status = 'pending' and d.endpoint_id > q.endpoint_id order by d.endpoint_id limit 1)
      from queued q where q.endpoint_id is not null
    ), heads as (
      select head.id, head.account_id, head.next_attempt_at
      from queued q
      join webhook_endpoints e on e.id = q.endpoint_id and e.status = 'enabled'
      cross join lateral (
        select d.id, d.account_id, d.next_attempt_at from webhook_deliveries d
        where d.endpoint_id = q.endpoint_id and d.status = 'pending' and d.next_attempt_at <= ${at}
          and (d.locked_until is null or d.locked_until <= ${at})
        order by d.next_attempt_at, d.id limit 1
      ) head
      where true
        ${accountIds ? sql`and e.account_id = any(${uuidList(accountIds)})` : sql``}
        ${skipEndpoints.length ? sql`and e.id <> all(${uuidList(skipEndpoints)})` : sql``}
    )
    select id from (
      select id, next_attempt_at, row_number() over (partition by account_id order by next_attempt_at, id) as turn from heads
    ) ranked
    order by turn, next_attempt_at, id
    limit ${limit}
  )`;
}

/**
 * Claims up to `limit` due deliveries of enabled endpoints, at most one per endpoint and fairly
 * across accounts (fairCandidates), leaving out `skipEndpoints` (this worker's sends in flight).
 * The `FOR UPDATE OF due SKIP LOCKED` lets concurrent workers (other instances) pass over rows
 * another is claiming; a row another worker claimed after this statement began is re-checked
 * against its new lease when locked and dropped. The lease (`locked_until`) then keeps everyone
 * off while it sends: one delivery is never sent twice at once.
 */
export async function claimDueDeliveries(
  now: Date,
  limit = 10,
  accountId?: string | readonly string[],
  skipEndpoints: readonly string[] = [],
): Promise<ClaimedDelivery[]> {
  if (limit <= 0) return [];
  const accountIds = accountId === undefined ? null : [accountId].flat();
  const picked = getDb()
    .select({ id: due.id, url: webhookEndpoints.url, secretCiphertext: webhookEndpoints.secretCiphertext })
    .from(due)
    .innerJoin(webhookEndpoints, and(eq(webhookEndpoints.id, due.endpointId), eq(webhookEndpoints.status, "enabled")))
    .where(
      and(
        inArray(due.id, fairCandidates(now, limit, accountIds, skipEndpoints)),
        eq(due.status, "pending"),
        lte(due.nextAttemptAt, now),
        or(isNull(due.lockedUntil), lte(due.lockedUntil, now)),
      ),
    )
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
