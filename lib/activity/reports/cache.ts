import { LRUCache } from "lru-cache";
import { processSingleton } from "@/db/process-singleton";
import { env } from "@/lib/env";
import { parseReportRequest, type ReportRequest } from "./request";
import { runReport } from "./index";

type Result = Awaited<ReturnType<typeof runReport>>;

/**
 * Activity reports, answered from a short per-account cache: partners' dashboards ask the same
 * report many times a minute (10 clients at once in the bench), and each is an aggregation over
 * up to 12 months. The key is the account and the request as parsed (type, the range's instants
 * and offsets, ids, form, NPS category, defaults filled in), so bodies that differ only in
 * spelling share an entry; a range running past now is keyed as "until now".
 * An entry lives REPORT_CACHE_TTL_MS (at most 60 s), so no report shows data older than that;
 * concurrent identical requests share one computation. Only successes are kept; 0 turns it off.
 */
export class ReportCache {
  private entries: LRUCache<string, Promise<Result>> | null;

  constructor(
    ttlMs: number,
    private run: typeof runReport = runReport,
    private now: () => number = Date.now,
  ) {
    this.entries = ttlMs > 0 ? new LRUCache({ max: 2_000, ttl: ttlMs, ttlAutopurge: false, ttlResolution: 0, perf: { now } }) : null;
  }

  async report(accountId: string, body: unknown): Promise<Result> {
    const now = this.now();
    const parsed = parseReportRequest(body, now);
    if (!parsed.ok) return parsed;
    if (!this.entries) return this.run(accountId, body, now);
    const key = cacheKey(accountId, parsed.request, now);
    const cached = this.entries.get(key);
    if (cached) return cached;
    const computing = this.run(accountId, body, now);
    this.entries.set(key, computing);
    // A refusal or a failure is not kept: the next request asks again.
    const forget = () => {
      if (this.entries!.get(key) === computing) this.entries!.delete(key);
    };
    computing.then((result) => result.ok || forget(), forget);
    return computing;
  }
}

function cacheKey(accountId: string, request: ReportRequest, now: number): string {
  const { type, from, to, users, groups, form, npsCategory } = request;
  // Each offset too: it decides how the buckets are aligned.
  const end = to.ms > now ? "now" : to.ms;
  return JSON.stringify([accountId, type, from.ms, from.offsetMinutes, end, to.offsetMinutes, users, groups, form, npsCategory]);
}

export const reportCache = processSingleton("reportCache", () => new ReportCache(env.REPORT_CACHE_TTL_MS));
