import { and, eq } from "drizzle-orm";
import { getDb, type Tx } from "@/db";
import { apiTokens } from "@/db/tables";
import { describeError } from "@/lib/error-log";
import { log } from "@/lib/log";
import type { WebhookEventType } from "./events";
import { claimMark } from "./marks";
import { accountListensFor } from "./outbox";

const MAX_REMEMBERED = 20_000;

const tokenColumns = {
  id: apiTokens.id,
  description: apiTokens.description,
  type: apiTokens.type,
  displayPrefix: apiTokens.displayPrefix,
  scopes: apiTokens.scopes,
  rateLimit: apiTokens.rateLimit,
  dailyProfileLimit: apiTokens.dailyProfileLimit,
};

/** The token as its event's payload describes it, with the settings an event may add. */
export type NoticeToken = { [K in keyof typeof tokenColumns]: (typeof apiTokens.$inferSelect)[K] };

export interface PeriodicEvent {
  type: WebhookEventType;
  /** The period the event fires at most once in (a clock hour, a UTC day), in ms from the epoch. */
  periodMs: number;
  /** Queues the event (enqueueTokenEvent with its `data`) for the token; `period` is the period's number. */
  queue(tx: Tx, accountId: string, token: NoticeToken, period: number): Promise<unknown>;
}

/**
 * A token event fired by what the API refuses (`token.rate_limited`, `token.profile_limit_reached`),
 * at most once per token per period. The API's path only looks in this process's map (no
 * database write per refusal); the first refusal of a period on this instance writes a mark
 * whose primary key lets only one instance enqueue the event (when the account has an endpoint
 * for it: otherwise nothing is written).
 */
export class OncePerPeriodNotices {
  private lastPeriod = new Map<string, number>();

  constructor(private event: PeriodicEvent) {}

  /** Called on every refusal of a known token: a map lookup, and at most once a period a background write. */
  note(token: { id: string; accountId: string }, now: number): void {
    const period = Math.floor(now / this.event.periodMs);
    if (this.lastPeriod.get(token.id) === period) return;
    if (this.lastPeriod.size >= MAX_REMEMBERED) this.lastPeriod.clear();
    this.lastPeriod.set(token.id, period);
    void this.enqueue(token, period, new Date(now)).catch((error: unknown) => {
      // Forget the period so the next refusal tries again.
      this.lastPeriod.delete(token.id);
      log.warn({ tokenId: token.id, event: this.event.type, error: describeError(error) }, "webhook event not queued");
    });
  }

  /** Returns whether this call queued the event (false: another instance or call already did). */
  async enqueue(token: { id: string; accountId: string }, period: number, at: Date): Promise<boolean> {
    const { type } = this.event;
    return getDb().transaction(async (tx) => {
      // An account that does not listen gets no mark either: nothing is written for it.
      if (!(await accountListensFor(tx, token.accountId, type))) return false;
      if (!(await claimMark(tx, `${type.replace(/^token\./, "")}:${token.id}:${period}`, at))) return false;
      const [row] = await tx
        .select(tokenColumns)
        .from(apiTokens)
        .where(and(eq(apiTokens.id, token.id), eq(apiTokens.accountId, token.accountId)));
      if (!row) return false;
      await this.event.queue(tx, token.accountId, row, period);
      return true;
    });
  }
}
