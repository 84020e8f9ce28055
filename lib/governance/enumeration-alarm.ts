import { describeError } from "@/lib/error-log";
import { log } from "@/lib/log";
import { markTokenSuspicious } from "@/lib/tokens/write/suspicious";
import { alarmState, lookupStats } from "./queries";
import { ALARM, enumerationReason } from "./thresholds";

/** What the access-log writer just wrote for one token, to decide whether to look at it now. */
export interface BatchSummary {
  tokenId: string;
  /** Rows written: distinct reads (identical ones within a second are one row). */
  rows: number;
  notFound: number;
  lastIp: string | null;
}

/**
 * The enumeration alarm. It reads the access log itself (shared by every instance, so the
 * window counts every instance's lookups, up to a flush interval late) after each write, only
 * for tokens that just had a not-found answer or CHECK_AFTER_ROWS new rows since their last
 * look: never on the request's path.
 */
export class EnumerationAlarm {
  private sinceLastLook = new Map<string, number>();

  constructor(private now: () => number = Date.now) {}

  async afterWrite(batch: BatchSummary[]): Promise<void> {
    for (const summary of batch) {
      // Distinct reads, not reads: a partner re-reading known customers adds about a row a
      // second, so it is looked at every ~100 s instead of after every write.
      const seen = (this.sinceLastLook.get(summary.tokenId) ?? 0) + summary.rows;
      if (summary.notFound === 0 && seen < ALARM.CHECK_AFTER_ROWS) {
        this.sinceLastLook.set(summary.tokenId, seen);
        continue;
      }
      this.sinceLastLook.delete(summary.tokenId);
      await this.look(summary).catch((error: unknown) => log.warn({ tokenId: summary.tokenId, error: describeError(error) }, "enumeration alarm check failed"));
    }
    // Bounded: tokens that went quiet are forgotten (their next lookups start a fresh count).
    if (this.sinceLastLook.size > 10_000) this.sinceLastLook.clear();
  }

  private async look(summary: BatchSummary) {
    const state = await alarmState(summary.tokenId);
    if (!state || state.status !== "active" || state.suspiciousAt) return;
    const now = this.now();
    const windowStart = Math.max(now - ALARM.WINDOW_MS, state.reviewedAt?.getTime() ?? 0);
    const reason = enumerationReason(await lookupStats(summary.tokenId, new Date(windowStart), ALARM.WINDOW_CAP));
    if (!reason) return;
    const marked = await markTokenSuspicious(summary.tokenId, reason, summary.lastIp, new Date(now));
    // `token.suspicious` is queued inside that transaction (markTokenSuspicious); this is the operator's line.
    if (marked) log.warn({ tokenId: summary.tokenId, accountId: marked.accountId, reason }, "token marked suspicious");
  }
}
