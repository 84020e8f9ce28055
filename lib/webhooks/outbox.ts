import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { webhookDeliveries, webhookEndpoints } from "@/db/tables";
import { clock } from "@/lib/clock";
import { describeError } from "@/lib/error-log";
import { log } from "@/lib/log";
import type { WebhookEventData, WebhookEventType } from "./events";
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
  [T in WebhookEventType]: {
    accountId: string;
    type: T;
    token: WebhookToken;
    actor: WebhookActor | null;
  } & (Record<string, never> extends WebhookEventData<T> ? { extra?: WebhookEventData<T> } : { extra: WebhookEventData<T> });
}[WebhookEventType];

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

/**
 * Queues a token event for every enabled endpoint of the account that subscribes to its type.
 * Call it inside the transaction of the change that causes the event: the deliveries commit
 * or roll back with it (the outbox), and the worker sends them. Returns how many were queued.
 */
export async function enqueueTokenEvent(tx: Tx, input: TokenEventInput): Promise<number> {
  const endpoints = await tx
    .select({ id: webhookEndpoints.id })
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.accountId, input.accountId), eq(webhookEndpoints.status, "enabled"), sql`${input.type} = any(${webhookEndpoints.events})`));
  if (endpoints.length === 0) return 0;
  const at = new Date(clock.now());
  const payload = tokenEventPayload(input, at);
  const messageId = newMessageId();
  await tx.insert(webhookDeliveries).values(
    endpoints.map((e) => ({ messageId, accountId: input.accountId, endpointId: e.id, eventType: input.type, payload, nextAttemptAt: at, createdAt: at, giveUpAt: new Date(at.getTime() + RETRY_WINDOW_MS) })),
  );
  return endpoints.length;
}

/**
 * `enqueueTokenEvent` in a savepoint of its own, for a change that must commit whatever happens
 * to its webhook (a revocation): a failure is logged, never its values, and queues nothing.
 */
export async function enqueueTokenEventOrLog(tx: Tx, input: TokenEventInput): Promise<number> {
  try {
    return await tx.transaction((savepoint) => enqueueTokenEvent(savepoint, input));
  } catch (error) {
    log.error({ tokenId: input.token.id, event: input.type, error: describeError(error) }, "webhook event not queued; the change itself commits");
    return 0;
  }
}
