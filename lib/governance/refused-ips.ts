import { processSingleton } from "@/db/process-singleton";
import type { ApiToken } from "@/lib/tokens/api-token";
import { BatchedMapWriter } from "@/lib/batched-writer";
import { addRefusedIps, type RefusedIpCount } from "./queries";

const FLUSH_EVERY_MS = 2_000;
/** Distinct token × day × IP keys held between flushes; a flood from new addresses beyond it is not itemised. */
const MAX_PENDING_KEYS = 10_000;

/** Refusals of one token × day × IP so far, and the latest. */
interface RefusedCount {
  count: number;
  last: number;
}

/**
 * `ip_not_allowed` refusals per token and client IP, counted in memory and written in batches
 * (like usage counts): Usage lists the top refused addresses so an admin can whitelist from
 * evidence. A refusal itself never returns data.
 */
export class RefusedIpRecorder extends BatchedMapWriter<RefusedCount> {
  constructor() {
    super(FLUSH_EVERY_MS, MAX_PENDING_KEYS);
  }

  record(token: Pick<ApiToken, "id" | "accountId">, ip: string | null, at = Date.now()) {
    const day = new Date(at - (at % 86_400_000)).toISOString().slice(0, 10);
    const key = `${token.id}|${token.accountId}|${day}|${ip ?? "unknown"}`;
    const current = this.pending.get(key);
    if (current) {
      current.count++;
      current.last = Math.max(current.last, at);
    } else if (!this.full) this.pending.set(key, { count: 1, last: at });
  }

  protected async send(batch: Map<string, RefusedCount>) {
    await addRefusedIps(toRows(batch));
  }

  protected merge(older: RefusedCount, newer: RefusedCount): RefusedCount {
    return { count: older.count + newer.count, last: Math.max(older.last, newer.last) };
  }
}

function toRows(counts: Map<string, RefusedCount>): RefusedIpCount[] {
  return [...counts].map(([key, c]) => {
    const [tokenId, accountId, day, ip] = key.split("|") as [string, string, string, string];
    return { tokenId, accountId, day, ip, count: c.count, lastSeenAt: new Date(c.last) };
  });
}

export const refusedIps = processSingleton("refusedIps", () => new RefusedIpRecorder());
