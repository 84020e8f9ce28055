import { and, asc, eq, inArray, isNull, lte, or, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { webhookDeliveries, webhookEndpoints } from "@/db/schema";
import { AUTO_DISABLE_AFTER_MS, autoDisabledReason, nextAttemptAt } from "./retry";
import type { SendResult } from "./send";

// What the worker runs: claim due deliveries, record how an attempt went.

/** A claim lasts longer than one send can take (10 s): a crashed worker's rows return after it. */
export const LEASE_MS = 60_000;

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

/**
 * Claims up to `limit` due deliveries of enabled endpoints. `FOR UPDATE SKIP LOCKED` lets
 * concurrent workers (other instances) pass over rows another is claiming, and the lease
 * (`locked_until`) keeps them off while it sends: one event is never sent twice at once.
 */
export async function claimDueDeliveries(now: Date, limit = 10, accountId?: string): Promise<ClaimedDelivery[]> {
  return getDb().transaction(async (tx) => {
    const due = await tx
      .select({ id: webhookDeliveries.id })
      .from(webhookDeliveries)
      .where(
        and(
          eq(webhookDeliveries.status, "pending"),
          accountId ? eq(webhookDeliveries.accountId, accountId) : undefined,
          lte(webhookDeliveries.nextAttemptAt, now),
          or(isNull(webhookDeliveries.lockedUntil), lte(webhookDeliveries.lockedUntil, now)),
          sql`exists (select 1 from webhook_endpoints e where e.id = ${webhookDeliveries.endpointId} and e.status = 'enabled')`,
        ),
      )
      .orderBy(asc(webhookDeliveries.nextAttemptAt), asc(webhookDeliveries.id))
      .limit(limit)
      .for("update", { skipLocked: true });
    if (due.length === 0) return [];
    const claimed = await tx
      .update(webhookDeliveries)
      .set({ lockedUntil: new Date(now.getTime() + LEASE_MS), attempts: sql`${webhookDeliveries.attempts} + 1`, lastAttemptAt: now })
      .where(inArray(webhookDeliveries.id, due.map((d) => d.id)))
      .returning({
        id: webhookDeliveries.id,
        messageId: webhookDeliveries.messageId,
        endpointId: webhookDeliveries.endpointId,
        payload: webhookDeliveries.payload,
        attempts: webhookDeliveries.attempts,
        giveUpAt: webhookDeliveries.giveUpAt,
      });
    const endpoints = await tx
      .select({ id: webhookEndpoints.id, url: webhookEndpoints.url, secretCiphertext: webhookEndpoints.secretCiphertext })
      .from(webhookEndpoints)
      .where(inArray(webhookEndpoints.id, [...new Set(claimed.map((c) => c.endpointId))]));
    const byId = new Map(endpoints.map((e) => [e.id, e]));
    claimed.sort((a, b) => a.id - b.id);
    return claimed.map((c) => ({ ...c, url: byId.get(c.endpointId)!.url, secretCiphertext: byId.get(c.endpointId)!.secretCiphertext }));
  });
}

/**
 * Records one attempt. Success clears the endpoint's failure streak; a failure schedules the
 * next try (or gives up after 24 h) and disables an endpoint that has failed for 24 h.
 */
export async function recordAttempt(delivery: ClaimedDelivery, result: SendResult, now: Date): Promise<void> {
  await getDb().transaction(async (tx) => {
    // Only the claim that made this attempt writes its outcome.
    const mine = and(eq(webhookDeliveries.id, delivery.id), eq(webhookDeliveries.attempts, delivery.attempts));
    const common = { lastStatus: result.status, lastLatencyMs: result.latencyMs, lastError: result.error, lockedUntil: null };
    if (result.ok) {
      await tx.update(webhookDeliveries).set({ ...common, status: "delivered", deliveredAt: now }).where(mine);
      await tx.update(webhookEndpoints).set({ failingSince: null }).where(eq(webhookEndpoints.id, delivery.endpointId));
      return;
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
      await tx
        .update(webhookEndpoints)
        .set({ status: "disabled", disabledReason: autoDisabledReason(result.error ?? "no answer") })
        .where(and(eq(webhookEndpoints.id, delivery.endpointId), eq(webhookEndpoints.status, "enabled")));
    }
  });
}
