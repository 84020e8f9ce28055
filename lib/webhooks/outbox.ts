import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { webhookDeliveries, webhookEndpoints } from "@/db/tables";
import { clock } from "@/lib/clock";
import { describeError } from "@/lib/error-log";
import { log } from "@/lib/log";
import { AUDIT_EVENT_TYPE, type TokenWebhookEventType, type WebhookEventData, type WebhookEventType } from "./events";
import { RETRY_WINDOW_MS } from "./retry";

/** What a payload says about the token: never its secret or hash. */
export interface WebhookToken {
  id: string;
  description: string;
  type: string;
  displayPrefix: string;
  scopes: string[];
}

/** Who caused the event; null for the Hub itself (expiry sweep, rate limiter, leak reports). */
export interface WebhookActor {
  id: string | null;
  name: string;
  ip: string | null;
}

export type WebhookExtra = Record<string, string | number | boolean | null | string[]>;

/** A token event to queue: its `extra` is what the registry (./events.ts) says that event adds to `data`. */
export type TokenEventInput = {
  [T in TokenWebhookEventType]: {
    accountId: string;
    type: T;
    token: WebhookToken;
    actor: WebhookActor | null;
  } & (Record<string, never> extends WebhookEventData<T> ? { extra?: WebhookEventData<T> } : { extra: WebhookEventData<T> });
}[TokenWebhookEventType];

/** An audit-log row as written (its id and time from the database), for `audit.event`. */
export interface AuditEventRow {
  accountId: string;
  id: number;
  at: Date;
  action: string;
  actor: { kind: "user" | "operator" | "reporter" | "system"; id: string | null; name: string };
  target: { kind: string; id: string; label: string } | null;
  ip: string | null;
  detail: Record<string, unknown>;
}

// Anything shaped like a token or a signing secret. The code never puts one in a payload; text
// people typed (a description, a name) may look like one, and is redacted rather than refused:
// a token's revocation must never depend on how its description reads.
const SECRET_SHAPES = /hub_(act|prf)_[0-9A-Za-z]{20,}|whsec_/g;

/** Whether `text` holds something shaped like a token or a signing secret: such text never goes into a payload. */
export const carriesSecret = (text: string) => text.search(SECRET_SHAPES) !== -1;

/** `text` with anything shaped like a secret replaced by "[redacted]". */
export const redactSecrets = (text: string) => text.replace(SECRET_SHAPES, "[redacted]");

const redactExtra = (extra: WebhookExtra | undefined): WebhookExtra | undefined =>
  extra && Object.fromEntries(Object.entries(extra).map(([k, v]) => [k, typeof v === "string" ? redactSecrets(v) : Array.isArray(v) ? v.map(redactSecrets) : v]));

export const newMessageId = () => `msg_${randomUUID().replaceAll("-", "")}`;

/** The Standard Webhooks body: `{ type, timestamp, data }`. */
export function tokenEventPayload(input: TokenEventInput, at: Date) {
  const { token, actor } = input;
  return {
    type: input.type,
    timestamp: at.toISOString(),
    data: {
      account_id: input.accountId,
      token: { id: token.id, description: redactSecrets(token.description), type: token.type, prefix: token.displayPrefix, scopes: token.scopes },
      actor: actor ? { type: "user", id: actor.id, name: redactSecrets(actor.name), ip: actor.ip } : { type: "system", id: null, name: "Hub", ip: null },
      occurred_at: at.toISOString(),
      ...redactExtra(input.extra),
    },
  };
}

/** Whether an enabled endpoint of the account subscribes to `type` (checked before writing anything for an event). */
export async function accountListensFor(tx: Tx, accountId: string, type: WebhookEventType): Promise<boolean> {
  const [row] = await tx
    .select({ id: webhookEndpoints.id })
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.accountId, accountId), eq(webhookEndpoints.status, "enabled"), sql`${type} = any(${webhookEndpoints.events})`))
    .limit(1);
  return row !== undefined;
}

/** The `audit.event` body: the row itself, as the audit log and its export have it (never a secret). */
export function auditEventPayload(row: AuditEventRow, at: Date) {
  const data: { account_id: string } & WebhookEventData<typeof AUDIT_EVENT_TYPE> = {
    account_id: row.accountId,
    id: row.id,
    at: row.at.toISOString(),
    action: row.action,
    actor: { kind: row.actor.kind, id: row.actor.id, name: redactSecrets(row.actor.name) },
    target: row.target && { ...row.target, label: redactSecrets(row.target.label) },
    ip: row.ip,
    detail: redactExtra(row.detail as WebhookExtra) ?? {},
  };
  return { type: AUDIT_EVENT_TYPE, timestamp: at.toISOString(), data };
}

/**
 * Queues one message for every enabled endpoint of the account that subscribes to `type`. Call it
 * inside the transaction of the change that causes the event: the deliveries commit or roll back
 * with it (the outbox), and the worker sends them. Returns how many were queued.
 */
async function enqueue(tx: Tx, accountId: string, type: WebhookEventType, payloadAt: (at: Date) => Record<string, unknown>): Promise<number> {
  const endpoints = await tx
    .select({ id: webhookEndpoints.id })
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.accountId, accountId), eq(webhookEndpoints.status, "enabled"), sql`${type} = any(${webhookEndpoints.events})`));
  if (endpoints.length === 0) return 0;
  const at = new Date(clock.now());
  const payload = payloadAt(at);
  const messageId = newMessageId();
  await tx.insert(webhookDeliveries).values(
    endpoints.map((e) => ({ messageId, accountId, endpointId: e.id, eventType: type, payload, nextAttemptAt: at, createdAt: at, giveUpAt: new Date(at.getTime() + RETRY_WINDOW_MS) })),
  );
  return endpoints.length;
}

/** Queues a token event for the account's endpoints that subscribe to its type, in the change's transaction. */
export const enqueueTokenEvent = (tx: Tx, input: TokenEventInput): Promise<number> => enqueue(tx, input.accountId, input.type, (at) => tokenEventPayload(input, at));

/** Queues `audit.event` for the account's endpoints that subscribe to it, in the transaction that writes the row. */
export const enqueueAuditEvent = (tx: Tx, row: AuditEventRow): Promise<number> => enqueue(tx, row.accountId, AUDIT_EVENT_TYPE, (at) => auditEventPayload(row, at));

/**
 * `queue` in a savepoint of its own, for a change that must commit whatever happens to its
 * webhook (a revocation): a failure is logged, never its values, and queues nothing.
 */
export async function enqueueOrLog(tx: Tx, what: { event: WebhookEventType; tokenId?: string }, queue: (savepoint: Tx) => Promise<number>): Promise<number> {
  try {
    return await tx.transaction(queue);
  } catch (error) {
    log.error({ ...what, error: describeError(error) }, "webhook event not queued; the change itself commits");
    return 0;
  }
}

/** `enqueueTokenEvent` through `enqueueOrLog`. */
export const enqueueTokenEventOrLog = (tx: Tx, input: TokenEventInput): Promise<number> =>
  enqueueOrLog(tx, { event: input.type, tokenId: input.token.id }, (savepoint) => enqueueTokenEvent(savepoint, input));
