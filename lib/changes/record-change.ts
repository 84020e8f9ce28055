import type { Tx } from "@/db";
import { notifyTokenChanged } from "@/db/notify";
import { tokenEvents, type TokenFieldChange } from "@/db/tables";
import type { TokenType } from "@/lib/tokens/types";
import type { WebhookEventData, WebhookEventType } from "@/lib/webhooks/events";
import { enqueueTokenEvent, enqueueTokenEventOrLog, type TokenEventInput, type WebhookActor, type WebhookExtra } from "@/lib/webhooks/outbox";
import { enqueueChangeNotice } from "@/lib/notices/change-notices";
import { TOKEN_CHANGES, type TokenChangeKind } from "./kinds";
import { recordAccountChange, type AccountChange } from "./record-account-change";

// The one recipe for a change others must hear about: the History row, the webhook event (in
// the outbox), the admins' email notice (the mail outbox) and the NOTIFY that empties every
// instance's cache, written in the transaction of the change itself, so all of them commit or
// roll back with it. The custom server process reaches this (leak reports, the enumeration
// alarm, the overlap sweep): no "server-only" here.

/** A signed-in user acting on their own account: every id comes from the session, never from input. */
export interface Actor {
  id: string;
  name: string;
  accountId: string;
  ip: string | null;
}

/** Who made a change, as History, the webhook payload and (§10) the audit log name them. */
export type ChangeActor =
  | { kind: "user"; id: string; name: string; ip: string | null }
  /** Someone outside the account reporting a leak ("Public report", "GitHub secret scanning"). */
  | { kind: "reporter"; name: string; ip: string | null }
  /** The Hub itself: `ip` when a request tripped it (the alarm), none for the clock (a sweep). */
  | { kind: "system"; name: string; ip?: string | null };

export const byUser = ({ id, name, ip }: Actor): Extract<ChangeActor, { kind: "user" }> => ({ kind: "user", id, name, ip });

/** The token a change is about, as it stands after the change (the webhook describes it). */
export interface TokenTarget {
  id: string;
  accountId: string;
  description: string;
  type: TokenType;
  displayPrefix: string;
  /** An Activity token's scopes (PRODUCT.md §11); none for Profile Read. */
  scopes: string[];
}

interface ChangeBase {
  actor: ChangeActor;
  target: TokenTarget;
  /** History's lines, old → new: never a secret. */
  changes?: TokenFieldChange[];
  /** Why, when it was not a person's choice (the alarm's finding); the webhook carries it as `reason`. */
  reason?: string;
  /** When it happened, when not now by the database's clock (an overlap that ended by itself). */
  at?: Date;
}

/**
 * What a change adds to its webhook's `data` (the registry's payload type, lib/webhooks/events.ts),
 * but for what `recordChange` fills in itself: `changed_fields` (History's lines) and `reason`.
 * Never for a change that sends no webhook.
 */
type DetailsOf<K extends TokenChangeKind> = (typeof TOKEN_CHANGES)[K]["webhook"] extends infer E extends WebhookEventType
  ? Omit<WebhookEventData<E>, "changed_fields" | "reason">
  : never;

/** One change, by kind: its `details` are what its webhook event's payload requires (none when it sends none). */
export type TokenChange = {
  [K in TokenChangeKind]: ChangeBase & { kind: K } & ([DetailsOf<K>] extends [never] ? { details?: undefined } : Record<string, never> extends DetailsOf<K> ? { details?: DetailsOf<K> } : { details: DetailsOf<K> });
}[TokenChangeKind];

/**
 * Records `change`, made in `tx`, for everyone who must hear about it (its rule in ./kinds.ts):
 * History, the account-wide audit log (PRODUCT.md §10), the webhook, the NOTIFY. Changes of
 * other targets (a user, the team, an endpoint) write their audit row with recordAccountChange.
 */
export async function recordChange(tx: Tx, change: TokenChange): Promise<void> {
  const rule = TOKEN_CHANGES[change.kind];
  const { target } = change;
  await tx.insert(tokenEvents).values({ tokenId: target.id, accountId: target.accountId, action: rule.history, changes: change.changes ?? [], ...historyActor(change.actor), createdAt: change.at });
  // A revocation never waits on its webhooks, the audit row's included.
  const mustCommit = change.kind === "token.revoked" || change.kind === "token.exposed";
  await recordAccountChange(tx, auditRow(change), { mustCommit });
  // Queued only for the account's endpoints that listen; sent when, and only if, this commits.
  if (rule.webhook) {
    // TokenChange ties each kind's details to its event's payload type; TypeScript cannot follow
    // that through TOKEN_CHANGES[kind], hence the one assertion.
    const event = { accountId: target.accountId, type: rule.webhook, token: target, actor: webhookActor(change.actor), extra: webhookDetails(change) };
    // Queued in a savepoint for a revocation: a failure is logged and it commits.
    const enqueue = mustCommit ? enqueueTokenEventOrLog : enqueueTokenEvent;
    await enqueue(tx, event as TokenEventInput);
  }
  // Queued for the account's admins; mailed when, and only if, this commits.
  if ("notice" in rule) await enqueueChangeNotice(tx, rule.notice, change);
  // Delivered on commit: no instance drops its cache for a change that rolled back.
  if (rule.invalidates) await notifyTokenChanged(tx, target.id);
}

/** History's "who" and "from where": a row always names an origin ("unknown" when a request had none, "—" when none was involved). */
function historyActor(actor: ChangeActor) {
  switch (actor.kind) {
    case "user":
      return { actorId: actor.id, actorName: actor.name, ip: actor.ip ?? "unknown" };
    case "reporter":
      return { actorId: null, actorName: actor.name, ip: actor.ip ?? "unknown" };
    case "system":
      return { actorId: null, actorName: actor.name, ip: actor.ip === undefined ? "—" : (actor.ip ?? "unknown") };
  }
}

/** The audit log's row: field names only (History keeps old → new), the reason when there is one. */
function auditRow({ kind, actor, target, changes, reason, at }: TokenChange): AccountChange {
  const detail: NonNullable<AccountChange["detail"]> = { type: target.type };
  if (kind === "token.updated") detail.fields = (changes ?? []).map((c) => c.field);
  if (reason !== undefined) detail.reason = reason;
  return { accountId: target.accountId, actor, action: kind, target: { kind: "token", id: target.id, label: target.description }, detail, at };
}

/** Payloads name a user; anyone else is the Hub ("system"), as the payloads always said. */
const webhookActor = (actor: ChangeActor): WebhookActor | null => (actor.kind === "user" ? { id: actor.id, name: actor.name, ip: actor.ip } : null);

function webhookDetails({ kind, changes = [], reason, details }: TokenChange): WebhookExtra | undefined {
  // An update names the fields its History row changed, so the two never disagree.
  const out: WebhookExtra = kind === "token.updated" ? { changed_fields: changes.map((c) => c.field), ...details } : { ...details };
  if (reason !== undefined) out.reason = reason;
  return Object.keys(out).length > 0 ? out : undefined;
}
