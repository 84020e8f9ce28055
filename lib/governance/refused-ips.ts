import { processSingleton } from "@/db/process-singleton";
import type { ApiToken } from "@/lib/api/token-cache";
import { BatchedWriter, isForeignKeyViolation } from "@/lib/batched-writer";
import { addRefusedIps, type RefusedIpCount } from "./queries";

const FLUSH_EVERY_MS = 2_000;
/** Distinct token × day × IP keys held between flushes; a flood from new addresses beyond it is not itemised. */
const MAX_PENDING_KEYS = 10_000;

/**
 * `ip_not_allowed` refusals per token and client IP, counted in memory and written in batches
 * (like usage counts): Usage lists the top refused addresses so an admin can whitelist from
 * evidence. A refusal itself never returns data.
 */
export class RefusedIpRecorder extends BatchedWriter {
  private counts = new Map<string, { count: number; last: number }>();

  constructor() {
    super(FLUSH_EVERY_MS);
  }

  record(token: Pick<ApiToken, "id" | "accountId">, ip: string | null, at = Date.now()) {
    const day = new Date(at - (at % 86_400_000)).toISOString().slice(0, 10);
    const key = `${token.id}|${token.accountId}|${day}|${ip ?? "unknown"}`;
    const current = this.counts.get(key);
    if (current) {
      current.count++;
      current.last = Math.max(current.last, at);
    } else if (this.counts.size < MAX_PENDING_KEYS) this.counts.set(key, { count: 1, last: at });
  }

  protected async write() {
    const counts = this.counts;
    if (counts.size === 0) return;
    this.counts = new Map();
    try {
      await addRefusedIps(toRows(counts));
    } catch (error) {
      if (isForeignKeyViolation(error)) throw error;
      for (const [key, c] of counts) {
        const now = this.counts.get(key);
        this.counts.set(key, { count: c.count + (now?.count ?? 0), last: Math.max(c.last, now?.last ?? 0) });
      }
      throw error;
    }
  }
}

function toRows(counts: Map<string, { count: number; last: number }>): RefusedIpCount[] {
  return [...counts].map(([key, c]) => {
    const [tokenId, accountId, day, ip] = key.split("|") as [string, string, string, string];
    return { tokenId, accountId, day, ip, count: c.count, lastSeenAt: new Date(c.last) };
  });
}

export const refusedIps = processSingleton("refusedIps", () => new RefusedIpRecorder());
