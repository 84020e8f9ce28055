import { describeError } from "@/lib/error-log";
import { log } from "@/lib/log";
import { markTokenSuspicious } from "@/lib/tokens/write/suspicious";
import { alarmState, lookupStats, notFoundValueCounts } from "./queries";
import { ALARM, enumerationReason } from "./thresholds";

/** What the access-log writer just wrote for one token, to decide whether to look at it now. */
export interface BatchSummary {
  tokenId: string;
  /** Rows written: distinct reads (identical ones within a second are one row). */
  rows: number;
  notFound: number;
  lastIp: string | null;
}

const HOUR_MS = 60 * 60_000;
const DAY_MS = 24 * HOUR_MS;

/**
 * The enumeration alarm. It reads the access log itself (shared by every instance, so the
 * windows count every instance's lookups, up to a flush interval late), only for tokens that
 * just had a not-found answer or CHECK_AFTER_ROWS new rows since their last look: never on the
 * request's path, and never on the writer's either. The writer only notes what it wrote
 * (`noteWritten`, no I/O); the checks run on a loop of their own, one token at a time, and a
 * token noted again while it waits is still checked once. So many tokens make checks queue, not
 * the access log's writes.
 */
export class EnumerationAlarm {
  private sinceLastLook = new Map<string, number>();
  /** Tokens to look at, oldest note first; a later note replaces an entry in place. */
  private waiting = new Map<string, BatchSummary>();
  private checking: Promise<void> | null = null;

  constructor(private now: () => number = Date.now) {}

  noteWritten(batch: BatchSummary[]): void {
    for (const summary of batch) {
      // Distinct reads, not reads: a partner re-reading known customers adds about a row a
      // second, so it is looked at every ~100 s instead of after every write.
      const seen = (this.sinceLastLook.get(summary.tokenId) ?? 0) + summary.rows;
      if (summary.notFound === 0 && seen < ALARM.CHECK_AFTER_ROWS) {
        this.sinceLastLook.set(summary.tokenId, seen);
        continue;
      }
      this.sinceLastLook.delete(summary.tokenId);
      this.waiting.set(summary.tokenId, summary);
    }
    // Bounded: tokens that went quiet are forgotten (their next lookups start a fresh count).
    if (this.sinceLastLook.size > 10_000) this.sinceLastLook.clear();
    this.checking ??= this.checkWaiting().finally(() => (this.checking = null));
  }

  /** Resolves once no check waits or runs (tests, and the writer's stop). */
  async settled(): Promise<void> {
    while (this.checking) await this.checking;
  }

  private async checkWaiting() {
    for (let next = this.waiting.values().next(); !next.done; next = this.waiting.values().next()) {
      const summary = next.value;
      this.waiting.delete(summary.tokenId);
      await this.look(summary).catch((error: unknown) => log.warn({ tokenId: summary.tokenId, error: describeError(error) }, "enumeration alarm check failed"));
    }
  }

  private async look(summary: BatchSummary) {
    const state = await alarmState(summary.tokenId);
    if (!state || state.status !== "active" || state.suspiciousAt) return;
    const now = this.now();
    // Lookups before the last review no longer count, in any window.
    const since = (ms: number) => new Date(Math.max(now - ms, state.reviewedAt?.getTime() ?? 0));
    const recent = await lookupStats(summary.tokenId, since(ALARM.WINDOW_MS), ALARM.WINDOW_CAP);
    const notFound = await notFoundValueCounts(summary.tokenId, since(HOUR_MS), since(DAY_MS), ALARM.NOT_FOUND_CAP);
    const reason = enumerationReason({ ...recent, ...notFound });
    if (!reason) return;
    const marked = await markTokenSuspicious(summary.tokenId, reason, summary.lastIp, new Date(now));
    // `token.suspicious` is queued inside that transaction (markTokenSuspicious); this is the operator's line.
    if (marked) log.warn({ tokenId: summary.tokenId, accountId: marked.accountId, reason }, "token marked suspicious");
  }
}
