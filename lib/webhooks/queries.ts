import "server-only";
import { and, desc, eq, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { accounts, webhookDeliveries, webhookEndpoints } from "@/db/tables";
import { recordAccountChange, type AuditTarget } from "@/lib/changes/record-account-change";
import { byUser, type Actor } from "@/lib/changes/record-change";
import { TEST_EVENT_TYPE } from "./events";
import { newMessageId } from "./outbox";
import { RETRY_WINDOW_MS } from "./retry";
import { PAGE_SIZE } from "@/lib/pagination";
import { isUuid } from "@/lib/uuid";

// The console's reads and writes for webhooks; every statement is scoped by the account.
// Columns are listed: the secret's ciphertext never leaves through the console.

const endpointColumns = {
  id: webhookEndpoints.id,
  url: webhookEndpoints.url,
  description: webhookEndpoints.description,
  events: webhookEndpoints.events,
  status: webhookEndpoints.status,
  disabledReason: webhookEndpoints.disabledReason,
  failingSince: webhookEndpoints.failingSince,
  createdAt: webhookEndpoints.createdAt,
};

export async function countEndpoints(accountId: string): Promise<number> {
  const [row] = await getDb().select({ n: sql<number>`count(*)::int` }).from(webhookEndpoints).where(eq(webhookEndpoints.accountId, accountId));
  return row?.n ?? 0;
}

/**
 * The account's endpoints with their latest delivery, oldest endpoint first: one statement, and
 * per endpoint one step down its log index (`webhook_deliveries_endpoint_log`), however long the logs.
 */
export async function listEndpoints(accountId: string) {
  const latest = getDb()
    .select({
      status: webhookDeliveries.status,
      lastStatus: webhookDeliveries.lastStatus,
      at: sql<Date | string>`coalesce(${webhookDeliveries.lastAttemptAt}, ${webhookDeliveries.createdAt})`.as("at"),
    })
    .from(webhookDeliveries)
    .where(eq(webhookDeliveries.endpointId, webhookEndpoints.id))
    .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
    .limit(1)
    .as("latest");
  const rows = await getDb()
    .select({ ...endpointColumns, latest: { status: latest.status, lastStatus: latest.lastStatus, at: latest.at } })
    .from(webhookEndpoints)
    .leftJoinLateral(latest, sql`true`)
    .where(eq(webhookEndpoints.accountId, accountId))
    .orderBy(webhookEndpoints.createdAt);
  return rows.map(({ latest: last, ...endpoint }) => ({
    ...endpoint,
    // The driver may hand back the computed time as text: it becomes a Date here.
    lastDelivery: last?.status ? { status: last.status, lastStatus: last.lastStatus, at: new Date(last.at) } : null,
  }));
}

export async function getEndpoint(accountId: string, endpointId: string) {
  if (!isUuid(endpointId)) return null;
  const [row] = await getDb()
    .select(endpointColumns)
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.accountId, accountId), eq(webhookEndpoints.id, endpointId)));
  return row ?? null;
}

/** How the audit log names an endpoint: its description, else its URL (never its secret). */
export const endpointTarget = (id: string, e: { description: string; url: string }): AuditTarget => ({ kind: "webhook_endpoint", id, label: e.description || e.url });

/** An account's endpoints at most: each one can hold a send slot and a retry backlog of its own. */
export const MAX_ENDPOINTS_PER_ACCOUNT = 20;

/** Inserts the endpoint and its audit row unless the account already has MAX_ENDPOINTS_PER_ACCOUNT; null then. */
export async function insertEndpointWithinCap(
  accountId: string,
  actor: Actor,
  values: { id: string; url: string; description: string; events: string[] },
  secretCiphertext: string,
): Promise<string | null> {
  return getDb().transaction(async (tx) => {
    // Invariant: never more than the cap. Locking the account row makes concurrent creates wait for each other's count.
    await tx.select({ id: accounts.id }).from(accounts).where(eq(accounts.id, accountId)).for("update");
    const [count] = await tx.select({ n: sql<number>`count(*)::int` }).from(webhookEndpoints).where(eq(webhookEndpoints.accountId, accountId));
    if ((count?.n ?? 0) >= MAX_ENDPOINTS_PER_ACCOUNT) return null;
    const [row] = await tx
      .insert(webhookEndpoints)
      .values({ accountId, createdById: actor.id, ...values, secretCiphertext })
      .returning({ id: webhookEndpoints.id });
    await recordAccountChange(tx, { accountId, actor: byUser(actor), action: "webhook_endpoint.created", target: endpointTarget(row!.id, values), detail: { events: values.events } });
    return row!.id;
  });
}

export async function listDeliveries(accountId: string, endpointId: string, page = 1) {
  const scope = and(eq(webhookDeliveries.accountId, accountId), eq(webhookDeliveries.endpointId, endpointId));
  const db = getDb();
  const [rows, [count]] = await Promise.all([
    db
      .select({
        id: webhookDeliveries.id,
        messageId: webhookDeliveries.messageId,
        eventType: webhookDeliveries.eventType,
        status: webhookDeliveries.status,
        attempts: webhookDeliveries.attempts,
        lastStatus: webhookDeliveries.lastStatus,
        lastLatencyMs: webhookDeliveries.lastLatencyMs,
        lastError: webhookDeliveries.lastError,
        nextAttemptAt: webhookDeliveries.nextAttemptAt,
        createdAt: webhookDeliveries.createdAt,
      })
      .from(webhookDeliveries)
      .where(scope)
      .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
      .limit(PAGE_SIZE)
      .offset((page - 1) * PAGE_SIZE),
    db.select({ total: sql<number>`count(*)::int` }).from(webhookDeliveries).where(scope),
  ]);
  return { rows, total: count?.total ?? 0 };
}

/** "Resend": the same message (same `webhook-id`) goes out again now, with a fresh 24 hours of retries. */
export async function requeueDelivery(accountId: string, endpointId: string, deliveryId: number, now: Date): Promise<boolean> {
  const rows = await getDb()
    .update(webhookDeliveries)
    .set({ status: "pending", nextAttemptAt: now, giveUpAt: new Date(now.getTime() + RETRY_WINDOW_MS), lockedUntil: null })
    .where(and(eq(webhookDeliveries.accountId, accountId), eq(webhookDeliveries.endpointId, endpointId), eq(webhookDeliveries.id, deliveryId)))
    .returning({ id: webhookDeliveries.id });
  return rows.length > 0;
}

/** "Send test event": a `webhook.test` message to this endpoint only. */
export async function insertTestDelivery(accountId: string, endpointId: string, now: Date): Promise<void> {
  const payload = {
    type: TEST_EVENT_TYPE,
    timestamp: now.toISOString(),
    data: { account_id: accountId, endpoint_id: endpointId, message: "A test event from the Hub" },
  };
  await getDb().insert(webhookDeliveries).values({
    messageId: newMessageId(),
    accountId,
    endpointId,
    eventType: TEST_EVENT_TYPE,
    payload,
    nextAttemptAt: now,
    createdAt: now,
    giveUpAt: new Date(now.getTime() + RETRY_WINDOW_MS),
  });
}

/** Enables (clearing the failure streak) or disables with the reason the admin will read; with its audit row. */
export async function setEndpointStatus(accountId: string, endpointId: string, enabled: boolean, reason: string | null, actor: Actor): Promise<boolean> {
  return getDb().transaction(async (tx) => {
    const [row] = await tx
      .update(webhookEndpoints)
      .set(enabled ? { status: "enabled", disabledReason: null, failingSince: null } : { status: "disabled", disabledReason: reason })
      .where(and(eq(webhookEndpoints.accountId, accountId), eq(webhookEndpoints.id, endpointId)))
      .returning({ id: webhookEndpoints.id, description: webhookEndpoints.description, url: webhookEndpoints.url });
    if (!row) return false;
    await recordAccountChange(tx, { accountId, actor: byUser(actor), action: enabled ? "webhook_endpoint.enabled" : "webhook_endpoint.disabled", target: endpointTarget(row.id, row) });
    return true;
  });
}
