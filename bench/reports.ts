import { REPORT_TYPES } from "@/lib/activity/reports";
import { load } from "./load";
import { npsFormOf, planOfReport, reportBody } from "./report-plans";
import type { Running } from "./processes";
import { createBenchAccount, insertActivityToken, settle } from "./seed";

const CONNECTIONS = 10;
const SECONDS = 3;

export interface ReportTiming {
  type: string;
  "req/s": number;
  "p50 ms": number;
  "p99 ms": number;
  "non-2xx": number;
}

/**
 * Every Activity report over 90 days of a full copy of Demo Retail, through the API at 10
 * connections (the bar: each answers in 100 ms of server time), and the plan of the
 * slowest by p50: which indexes or scans it uses.
 */
export async function measureReports(app: Running, cacheOff?: Running): Promise<{ timings: ReportTiming[]; slowest: string; plan: string[]; cacheOff?: ReportTiming[] }> {
  const account = await createBenchAccount("reports", 12);
  const token = await insertActivityToken(account);
  const form = await npsFormOf(account.accountId);
  await settle();
  const timingsOn = async (instance: Running) => {
    const timings: ReportTiming[] = [];
    for (const type of REPORT_TYPES) {
      const result = await load(`report ${type}`, `${instance.url}/api/v1/activity/reports`, {
        token,
        body: reportBody(type, form),
        connections: CONNECTIONS,
        seconds: SECONDS,
      });
      timings.push({ type, "req/s": result.requestsPerSecond, "p50 ms": result.p50, "p99 ms": result.p99, "non-2xx": result.non2xx });
    }
    return timings;
  };
  const timings = await timingsOn(app);
  // The same on an instance with the report cache off (REPORT_CACHE_TTL_MS=0): what each aggregation costs.
  const uncached = cacheOff ? await timingsOn(cacheOff) : undefined;
  const slowest = (uncached ?? timings).reduce((a, b) => (b["p50 ms"] > a["p50 ms"] ? b : a)).type;
  return { timings, slowest, plan: await planOfReport(account.accountId, reportBody(slowest, form)), ...(uncached ? { cacheOff: uncached } : {}) };
}
