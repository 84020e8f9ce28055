import { z } from "@/lib/zod";

// The webhook event registry: every event an endpoint can subscribe to, with what the form says
// of it (`description`), when it fires (the README's table, `when`) and what it adds to the
// payload's `data` besides the account, the token, the actor and `occurred_at` (`data`, whose
// type the outbox requires of every call). One event is not a token's: `audit.event` carries an
// audit-log row as its whole `data`. Adding an event is one entry here: the form's checkboxes, the
// zod schema of an endpoint, the README's table (lib/webhooks/events.test.ts) and
// `enqueueTokenEvent` all read it. Read by the browser too (the form): nothing server-only here.

const time = z.iso.datetime();

export const WEBHOOK_EVENTS = {
  "token.created": {
    description: "A token was created",
    when: "a person creates a token",
    data: z.object({ expires_at: time.nullable() }),
  },
  "token.updated": {
    description: "A token's settings changed",
    when: "a person edits a token, or shortens its expiry (with `expires_at`)",
    data: z.object({ changed_fields: z.array(z.string()), expires_at: time.optional() }),
  },
  "token.reset": {
    description: "A token's secret was replaced",
    when: "a person resets a token",
    data: z.object({ previous_prefix: z.string(), old_token_works_until: time.nullable() }),
  },
  "token.revoked": {
    description: "A token was revoked",
    when: "a person revokes a token",
    data: z.object({}),
  },
  "token.expiring": {
    description: "7 days and 1 day before a token expires",
    when: "7 days and again 1 day before a token expires",
    data: z.object({ expires_at: time, days_left: z.number().int() }),
  },
  "token.expired": {
    description: "A token expired",
    when: "once a token has expired",
    data: z.object({ expires_at: time }),
  },
  "token.exposed": {
    description: "A token was reported as leaked",
    when: "a token was reported as leaked",
    data: z.object({ leaked_secret: z.enum(["current", "old"]), found_at: z.string().nullable(), reported_by: z.string() }),
  },
  "token.rate_limited": {
    description: "A token hit its rate limit (at most once an hour)",
    when: "a token was answered 429; at most once per token per clock hour",
    data: z.object({ rate_limit_per_minute: z.number().int() }),
  },
  "token.profile_limit_reached": {
    description: "A Profile Read token reached its daily profile limit (at most once a day)",
    when: "a Profile Read token's daily profile limit refused a lookup; at most once per token per UTC day (`resets_at`: the next midnight UTC)",
    data: z.object({ daily_profile_limit: z.number().int(), resets_at: time }),
  },
  "token.suspicious": {
    description: "A Profile Read token was marked Suspicious activity",
    when: "the enumeration alarm marked a Profile Read token \"Suspicious activity\" (`reason` says why)",
    data: z.object({ reason: z.string() }),
  },
  "token.paused": {
    description: "A token was paused",
    when: "a person pauses a token, or the token policy pauses one not used for a while (`reason` says why)",
    data: z.object({ reason: z.string().optional() }),
  },
  "token.resumed": {
    description: "A paused token was resumed",
    when: "a person resumes a paused token",
    data: z.object({}),
  },
  "audit.event": {
    description: "Every audit log row, for a SIEM (token changes too: with token events you get both)",
    when: "any row is written to the account's audit log, `token.*` changes included (an endpoint subscribed to both gets both); `data` is the row, with no `token` and `actor.kind` for `actor.type`",
    data: z.object({
      id: z.number().int(),
      at: time,
      action: z.string(),
      actor: z.object({ kind: z.enum(["user", "operator", "reporter", "system"]), id: z.string().nullable(), name: z.string() }),
      target: z.object({ kind: z.string(), id: z.string(), label: z.string() }).nullable(),
      ip: z.string().nullable(),
      detail: z.record(z.string(), z.unknown()),
    }),
  },
} as const satisfies Record<string, { description: string; when: string; data: z.ZodObject }>;

export type WebhookEventType = keyof typeof WEBHOOK_EVENTS;

/** Every audit-log row (PRODUCT.md §10), queued by the audit log's one writer (lib/changes/record-account-change.ts). */
export const AUDIT_EVENT_TYPE = "audit.event" satisfies WebhookEventType;

/** The events about one token: their payload names it and the actor. */
export type TokenWebhookEventType = Exclude<WebhookEventType, typeof AUDIT_EVENT_TYPE>;

/** The events in the registry's order (the form lists them so). */
export const WEBHOOK_EVENT_TYPES = Object.keys(WEBHOOK_EVENTS) as [WebhookEventType, ...WebhookEventType[]];

/** What event `T` adds to its payload's `data`. */
export type WebhookEventData<T extends WebhookEventType> = z.infer<(typeof WEBHOOK_EVENTS)[T]["data"]>;

/** "Send test event": delivered to one endpoint whatever it subscribes to; its `data` names no token or actor. */
export const TEST_EVENT = {
  type: "webhook.test",
  when: '"Send test event" (to that endpoint only; `data` has no `token` or `actor`)',
  data: z.object({ endpoint_id: z.string(), message: z.string() }),
} as const;
export const TEST_EVENT_TYPE = TEST_EVENT.type;

/** The README's table of events (its Webhooks section), as the registry has them. */
export function webhookEventTable(): string {
  const row = ({ type, when, data }: { type: string; when: string; data: z.ZodObject }) => {
    const fields = Object.keys(data.shape).map((field) => `\`${field}\``);
    return `| \`${type}\` | ${when} | ${fields.join(", ") || "—"} |`;
  };
  const rows = WEBHOOK_EVENT_TYPES.map((type) => row({ type, ...WEBHOOK_EVENTS[type] }));
  return ["| event | when | adds to `data` |", "|---|---|---|", ...rows, row(TEST_EVENT)].join("\n");
}
