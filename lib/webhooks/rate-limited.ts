import { and, eq } from "drizzle-orm";
import { getDb } from "@/db";
import { apiTokens } from "@/db/tables";
import { describeError } from "@/lib/error-log";
import { log } from "@/lib/log";
import { claimMark } from "./marks";
import { accountListensFor, enqueueTokenEvent } from "./outbox";

const HOUR_MS = 3_600_000;
const MAX_REMEMBERED = 20_000;

/**
 * `token.rate_limited`, at most once per token per clock hour. The API's 429 path only looks in
 * this process's map (no database write per 429); the first 429 of an hour on this instance
 * writes a mark whose primary key lets only one instance enqueue the event (when the account has
 * an endpoint for it: otherwise nothing is written).
 */
export class RateLimitedNotices {
  private lastHour = new Map<string, number>();

  /** Called on every 429 of a known token: a map lookup, and at most once an hour a background write. */
  note(token: { id: string; accountId: string }, now: number): void {
    const hour = Math.floor(now / HOUR_MS);
    if (this.lastHour.get(token.id) === hour) return;
    if (this.lastHour.size >= MAX_REMEMBERED) this.lastHour.clear();
    this.lastHour.set(token.id, hour);
    void this.enqueue(token, hour, new Date(now)).catch((error: unknown) => {
      // Forget the hour so the next 429 tries again.
      this.lastHour.delete(token.id);
      log.warn({ tokenId: token.id, error: describeError(error) }, "rate-limited webhook not queued");
    });
  }

  /** Returns whether this call queued the event (false: another instance or call already did). */
  async enqueue(token: { id: string; accountId: string }, hour: number, at: Date): Promise<boolean> {
    return getDb().transaction(async (tx) => {
      // An account that does not listen gets no mark either: nothing is written for it.
      if (!(await accountListensFor(tx, token.accountId, "token.rate_limited"))) return false;
      if (!(await claimMark(tx, `rate_limited:${token.id}:${hour}`, at))) return false;
      const [row] = await tx
        .select({ id: apiTokens.id, description: apiTokens.description, type: apiTokens.type, displayPrefix: apiTokens.displayPrefix, scopes: apiTokens.scopes, rateLimit: apiTokens.rateLimit })
        .from(apiTokens)
        .where(and(eq(apiTokens.id, token.id), eq(apiTokens.accountId, token.accountId)));
      if (!row) return false;
      await enqueueTokenEvent(tx, { accountId: token.accountId, type: "token.rate_limited", token: row, actor: null, extra: { rate_limit_per_minute: row.rateLimit } });
      return true;
    });
  }
}

export const rateLimitedNotices = new RateLimitedNotices();
