import type { Metadata } from "next";
import Link from "next/link";
import { AccessLogFilters } from "@/components/governance/access-log-filters";
import { AccessLogSearch } from "@/components/governance/access-log-search";
import { AccessLogTable } from "@/components/governance/access-log-table";
import { cursorParam, parseAccessQuery } from "@/lib/governance/filters";
import { loadAccessLogPage } from "@/lib/governance/page-data";
import { listAccessLog } from "@/lib/governance/queries";
import { PAGE_SIZE } from "@/lib/pagination";

export const metadata: Metadata = { title: "API Token access log" };

export default async function TokenAccessLogPage({
  params,
  searchParams,
}: {
  params: Promise<{ tokenId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { tokenId } = await params;
  const { user, token } = await loadAccessLogPage(tokenId);
  const query = parseAccessQuery(await searchParams);
  // One more than a page: whether an "Older" page exists, without counting the whole log.
  const rows = query.errors.length ? [] : await listAccessLog(user.accountId, token.id, query.filter, query.after, PAGE_SIZE + 1);
  const page = rows.slice(0, PAGE_SIZE);
  const path = `/manage/integrations/api-tokens/${token.id}/access-log`;
  const keep = new URLSearchParams(Object.entries({ from: query.from, to: query.to, outcome: query.outcome }).filter(([, v]) => v));
  const withParams = (extra: Record<string, string>) => `${path}?${new URLSearchParams([...keep, ...Object.entries(extra)])}`;
  return (
    <div className="space-y-6">
      <p className="text-sm text-slate-600">
        Every lookup made with this token, newest first. The value looked up is kept only as a keyed hash. Times in UTC.
      </p>
      {/* Another range or page of the log: the search starts afresh. */}
      <AccessLogSearch key={keep.toString()} tokenId={token.id} linkingAttribute={token.linkingAttribute ?? "value"} description={token.description}>
        <AccessLogFilters path={path} from={query.from} to={query.to} outcome={query.outcome} />
        {query.errors.length ? (
          <p role="alert" aria-label="Filter error" className="rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800">
            {query.errors.join(" ")}
          </p>
        ) : null}
        <AccessLogTable rows={page} caption={`Access log of ${token.description}`} />
        <nav aria-label="Access log pages" className="flex justify-end gap-2 text-sm">
          {query.after ? (
            <Link href={withParams({})} className="rounded-md px-3 py-1.5 font-medium ring-1 ring-slate-300 ring-inset hover:bg-slate-50">
              Newest
            </Link>
          ) : null}
          {rows.length > PAGE_SIZE ? (
            <Link
              href={withParams({ after: cursorParam(page[page.length - 1]!) })}
              className="rounded-md px-3 py-1.5 font-medium ring-1 ring-slate-300 ring-inset hover:bg-slate-50"
            >
              Older
            </Link>
          ) : null}
        </nav>
      </AccessLogSearch>
    </div>
  );
}
