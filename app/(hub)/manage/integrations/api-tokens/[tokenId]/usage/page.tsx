import type { Metadata } from "next";
import { UsageChart } from "@/components/tokens/usage-chart";
import { formatDateTime } from "@/lib/format";
import { getTokenUsage } from "@/lib/tokens/queries";
import { loadTokenPage } from "@/lib/tokens/page-data";
import { OUTCOMES, outcomeLabels, usageSeries } from "@/lib/tokens/usage-series";

export const metadata: Metadata = { title: "API Token usage" };

const DAYS = 14;

export default async function TokenUsagePage({ params }: { params: Promise<{ tokenId: string }> }) {
  const { tokenId } = await params;
  const { user, token } = await loadTokenPage(tokenId);
  const today = new Date();
  const since = new Date(today.getTime() - (DAYS - 1) * 86_400_000).toISOString().slice(0, 10);
  const series = usageSeries(await getTokenUsage(user.accountId, token.id, since), today, DAYS);
  const totals = Object.fromEntries(OUTCOMES.map((o) => [o, series.reduce((n, d) => n + d[o], 0)])) as Record<(typeof OUTCOMES)[number], number>;

  return (
    <div className="space-y-6">
      <section className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
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
      </section>
      <section aria-labelledby="usage-heading" className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
        <h2 id="usage-heading" className="text-base font-semibold text-slate-900">
          Requests per day, last {DAYS} days
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
      </section>
    </div>
  );
}
