import { and, eq, gt, lte, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { apiTokens } from "@/db/tables";
import { describeError } from "@/lib/error-log";
import { log } from "@/lib/log";
import type { WebhookEventType } from "./events";
import { claimMark } from "./marks";
import { enqueueTokenEvent } from "./outbox";

const DAY_MS = 86_400_000;

// `token.expiring` fires once 7 days and once 1 day before a token expires; `token.expired`
// once when it has. Expiry itself needs no job (authentication compares with the clock); this
// sweep only tells the webhooks. A mark per (notice, token, expiry) makes each fire once across
// instances, and a shortened expiry arms the notices again.
const NOTICES = [
  { key: "expiring_7d", type: "token.expiring", from: DAY_MS, to: 7 * DAY_MS },
  { key: "expiring_1d", type: "token.expiring", from: 0, to: DAY_MS },
  // Tokens that expired within the last week: older ones predate the webhook or are long known.
  { key: "expired", type: "token.expired", from: -7 * DAY_MS, to: 0 },
] as const satisfies ReadonlyArray<{ key: string; type: WebhookEventType; from: number; to: number }>;

/** Queues the notices due at `now`; returns how many tokens were announced. */
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
          // Only accounts that listen: nothing is written for the others.
          sql`exists (select 1 from webhook_endpoints e where e.account_id = ${apiTokens.accountId} and e.status = 'enabled' and ${notice.type} = any(e.events))`,
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
        const event = { accountId: token.accountId, token, actor: null };
        if (notice.type === "token.expiring") await enqueueTokenEvent(tx, { ...event, type: notice.type, extra: { expires_at, days_left: daysLeft } });
        else await enqueueTokenEvent(tx, { ...event, type: notice.type, extra: { expires_at } });
        return true;
      }).catch((error: unknown) => {
        log.error({ tokenId: token.id, notice: notice.key, error: describeError(error) }, "expiry notice not queued");
        return false;
      });
      if (fired) announced++;
    }
  }
  return announced;
}
