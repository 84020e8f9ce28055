import { Panel } from "@/components/ui/panel";
import { formatDateTime } from "@/lib/format";
import { OUTCOMES, outcomeLabels, type UsageDay, type UsageOutcome } from "@/lib/tokens/usage-series";
import { UsageChart } from "./usage-chart";

interface LastUse {
  lastUsedAt: Date | null;
  lastUsedIp: string | null;
  rateLimit: number;
}

/** A Profile Read token's distinct customers returned today (UTC), against its daily profile limit. */
interface CustomersToday {
  count: number;
  limit: number;
}

const count = (n: number) => n.toLocaleString("en-AU");

/** Usage at a glance: when and from where the token was last used, its limits, and (Profile Read) today's customers. */
export function UsageSummary({ token, customersToday }: { token: LastUse; customersToday?: CustomersToday }) {
  return (
    <Panel as="section">
      <dl className="grid gap-4 sm:grid-cols-3">
        <div>
          <dt className="text-sm text-slate-500">Last used</dt>
          <dd className="mt-1 text-sm font-medium text-slate-900">{formatDateTime(token.lastUsedAt)}</dd>
        </div>
        <div>
          <dt className="text-sm text-slate-500">Last used from</dt>
          <dd className="mt-1 font-mono text-sm text-slate-900">{token.lastUsedIp ?? "—"}</dd>
        </div>
        <div>
          <dt className="text-sm text-slate-500">Rate limit</dt>
          <dd className="mt-1 text-sm font-medium text-slate-900">{token.rateLimit} requests per minute</dd>
        </div>
      </dl>
      {customersToday && (
        <p className="mt-4 border-t border-slate-200 pt-4 text-sm text-slate-700">
          Customers read today: {count(customersToday.count)} of {count(customersToday.limit)}
          <span className="text-slate-500"> (distinct customers returned since midnight UTC)</span>
        </p>
      )}
    </Panel>
  );
}

/** Requests per day by outcome: totals, the chart, and the same numbers as a table for screen readers. */
export function UsageByDay({ series }: { series: UsageDay[] }) {
  const totals = Object.fromEntries(OUTCOMES.map((o) => [o, series.reduce((n, d) => n + d[o], 0)])) as Record<UsageOutcome, number>;
  return (
    <Panel as="section" aria-labelledby="usage-heading">
      <h2 id="usage-heading" className="text-base font-semibold text-slate-900">
        Requests per day, last {series.length} days
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        {OUTCOMES.map((o) => `${outcomeLabels[o]}: ${totals[o]}`).join(" · ")}. Times in UTC.
      </p>
      <div className="mt-4">
        <UsageChart series={series} />
      </div>
      <table className="sr-only">
        <caption>Requests per day by outcome</caption>
        <thead>
          <tr>
            <th scope="col">Day</th>
            {OUTCOMES.map((o) => (
              <th key={o} scope="col">
                {outcomeLabels[o]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {series.map((d) => (
            <tr key={d.day}>
              <th scope="row">{d.day}</th>
              {OUTCOMES.map((o) => (
                <td key={o}>{d[o]}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </Panel>
  );
}
