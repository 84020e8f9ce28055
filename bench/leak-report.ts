import type { Running } from "./processes";
import { medianAndMax } from "./stats";

const JANE = "/api/v1/profile?email=jane.remington%40demo-retail.test";

/**
 * Report to refusal: each token is posted to POST /api/v1/tokens/revoke on one instance, and the
 * time runs until every other instance (each with the token warm in its cache) refuses it
 * (401). The report's own answer is included: a finder's request is part of the delay.
 */
export async function measureLeakReports(reportTo: Running, watchers: Running[], tokens: string[]) {
  const times: number[] = [];
  for (const token of tokens) {
    const status = (app: Running) => fetch(`${app.url}${JANE}`, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.status);
    for (const app of watchers) if ((await status(app)) !== 200) throw new Error("token not usable before the report");
    const started = performance.now();
    const answer = await fetch(`${reportTo.url}/api/v1/tokens/revoke`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ tokens: [token] }) });
    if (answer.status !== 202) throw new Error(`report answered ${answer.status}`);
    const pending = new Set(watchers);
    while (pending.size > 0) {
      for (const app of [...pending]) if ((await status(app)) === 401) pending.delete(app);
      if (performance.now() - started > 5_000) throw new Error("a report did not reach every instance within 5 s");
    }
    times.push(performance.now() - started);
  }
  return { reports: times.length, ...medianAndMax(times) };
}
