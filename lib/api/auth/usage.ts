import { processSingleton } from "@/db/process-singleton";
import { BatchedMapWriter } from "@/lib/batched-writer";
import { addUsageCounts, updateLastUses } from "./queries";
import type { Outcome } from "./outcomes";
import type { ApiToken } from "@/lib/tokens/api-token";

const FLUSH_EVERY_MS = 2_000;
const LAST_USED_EVERY_MS = 60_000;
const MAX_PENDING_KEYS = 50_000;

/**
 * Counts requests in memory and writes them in batches: the API's hot path never waits on a
 * database write. Last used time and IP are written at most about once a minute per token.
 */
export class UsageRecorder extends BatchedMapWriter<number> {
  private lastUsed = new Map<string, { at: number; ip: string | null }>();
  private today = { starts: 0, ends: 0, text: "" };
  private lastUsedWritten = new Map<string, number>();

  constructor() {
    super(FLUSH_EVERY_MS, MAX_PENDING_KEYS);
  }

  /** `old`: the request used the old secret of an overlap. */
  record(token: Pick<ApiToken, "id" | "accountId">, outcome: Outcome, ip: string | null, at = Date.now(), old = false) {
    const key = `${token.id}|${token.accountId}|${this.dayOf(at)}|${outcome}`;
    // The counts per token, day and outcome waiting to be written (BatchedMapWriter's `pending`).
    if (!this.full || this.pending.has(key)) this.pending.set(key, (this.pending.get(key) ?? 0) + 1);
    if (outcome !== "allowed") return;
    // The token's last use is either secret's; the old secret's own is kept apart for Details.
    this.lastUsed.set(token.id, { at, ip });
    if (old) this.lastUsed.set(`${token.id}|old`, { at, ip });
  }

  /** The UTC day of `at` as YYYY-MM-DD, remembered for the day (this runs on every request). */
  private dayOf(at: number): string {
    if (at < this.today.starts || at >= this.today.ends) {
      const starts = at - (at % 86_400_000);
      this.today = { starts, ends: starts + 86_400_000, text: new Date(starts).toISOString().slice(0, 10) };
    }
    return this.today.text;
  }

  /** Counts first; when they fail, the last uses wait for the next tick with them. */
  protected override async write() {
    await this.writePending();
    await this.writeLastUses();
  }

  protected async send(counts: Map<string, number>) {
    await addUsageCounts(toRows(counts));
  }

  protected merge(older: number, newer: number) {
    return older + newer;
  }

  private async writeLastUses() {
    const now = Date.now();
    const due = [...this.lastUsed].filter(([id]) => now - (this.lastUsedWritten.get(id) ?? 0) >= LAST_USED_EVERY_MS);
    if (due.length > 0) await updateLastUses(due.map(([key, used]) => ({ tokenId: key.split("|")[0]!, old: key.endsWith("|old"), ...used })));
    for (const [id, used] of due) {
      this.lastUsedWritten.set(id, now);
      if (this.lastUsed.get(id) === used) this.lastUsed.delete(id);
    }
    // Older marks no longer hold anything back.
    for (const [id, at] of this.lastUsedWritten) if (now - at >= LAST_USED_EVERY_MS) this.lastUsedWritten.delete(id);
  }
}


function toRows(counts: Map<string, number>) {
  return [...counts].map(([key, count]) => {
    const [tokenId, accountId, day, outcome] = key.split("|") as [string, string, string, Outcome];
    return { tokenId, accountId, day, outcome, count };
  });
}

export const usage = processSingleton("usage", () => new UsageRecorder());
