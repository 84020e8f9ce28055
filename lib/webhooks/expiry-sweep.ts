import { and, eq, gt, lte, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { apiTokens } from "@/db/tables";
import { describeError } from "@/lib/error-log";
import { recordChange } from "@/lib/changes/record-change";
import { log } from "@/lib/log";
import type { WebhookEventType } from "./events";
import { claimMark } from "./marks";
import { enqueueTokenEvent } from "./outbox";

const DAY_MS = 86_400_000;

// `token.expiring` fires once 7 days and once 1 day before a token expires. Once a token has
// expired, the expiry is recorded like any change (recordChange): History's "Expired", the audit
// log's `token.expired` by System and the `token.expired` webhook. Expiry itself needs no job
// (authentication compares with the clock); this sweep only records and tells. A mark per
// (notice, token, expiry), claimed in the transaction that records it, makes each happen once
// across instances, and a shortened expiry arms the notices again.
const NOTICES = [
  { key: "expiring_7d", type: "token.expiring", from: DAY_MS, to: 7 * DAY_MS },
  { key: "expiring_1d", type: "token.expiring", from: 0, to: DAY_MS },
  // Tokens that expired within the last week: older ones predate this record or are long known.
  { key: "expired", type: "token.expired", from: -7 * DAY_MS, to: 0 },
] as const satisfies ReadonlyArray<{ key: string; type: WebhookEventType; from: number; to: number }>;

/** Who the audit log and History name for an expiry: the clock, no request, so no IP. */
const SYSTEM = { kind: "system", name: "System" } as const;

/** Records the expiries and queues the notices due at `now`; returns how many tokens it recorded or announced. */
export async function sweepExpiringTokens(now: Date): Promise<number> {
  let announced = 0;
  for (const notice of NOTICES) {
    const candidates = await getDb()
      .select({ id: apiTokens.id, accountId: apiTokens.accountId, description: apiTokens.description, type: apiTokens.type, displayPrefix: apiTokens.displayPrefix, scopes: apiTokens.scopes, expiresAt: apiTokens.expiresAt })
      .from(apiTokens)
      .where(
        and(
          eq(apiTokens.status, "active"),
          gt(apiTokens.expiresAt, new Date(now.getTime() + notice.from)),
          lte(apiTokens.expiresAt, new Date(now.getTime() + notice.to)),
          // A notice goes only to accounts that listen (nothing is written for the others); every expiry is recorded.
          notice.type === "token.expired"
            ? undefined
            : sql`exists (select 1 from webhook_endpoints e where e.account_id = ${apiTokens.accountId} and e.status = 'enabled' and ${notice.type} = any(e.events))`,
          // Not announced yet (the key claimMark writes below): already announced tokens never fill
          // the batch, so each minute costs nothing for them and newer ones always get their turn.
          sql`not exists (select 1 from webhook_event_marks m where m.key = ${notice.key} || ':' || ${apiTokens.id}::text || ':' || floor(extract(epoch from ${apiTokens.expiresAt}) * 1000)::bigint::text)`,
        ),
      )
      .limit(500);
    for (const token of candidates) {
      const expiresAt = token.expiresAt!;
      // One token that cannot be announced is logged and skipped: it never stops the sweep for every account.
      const fired = await getDb().transaction(async (tx) => {
        if (!(await claimMark(tx, `${notice.key}:${token.id}:${expiresAt.getTime()}`, now))) return false;
        const daysLeft = Math.max(0, Math.ceil((expiresAt.getTime() - now.getTime()) / DAY_MS));
        const expires_at = expiresAt.toISOString();
        if (notice.type === "token.expiring") await enqueueTokenEvent(tx, { accountId: token.accountId, token, actor: null, type: notice.type, extra: { expires_at, days_left: daysLeft } });
        // At the moment it expired, not when the sweep noticed.
        else await recordChange(tx, { kind: "token.expired", actor: SYSTEM, target: token, at: expiresAt, details: { expires_at } });
        return true;
      }).catch((error: unknown) => {
        log.error({ tokenId: token.id, notice: notice.key, error: describeError(error) }, "expiry notice not recorded");
        return false;
      });
      if (fired) announced++;
    }
  }
  return announced;
}
