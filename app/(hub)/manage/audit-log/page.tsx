import type { Metadata } from "next";
import Link from "next/link";
import { AuditLogFilters } from "@/components/audit/audit-log-filters";
import { AuditLogTable } from "@/components/audit/audit-log-table";
import { FindTokenForm } from "@/components/audit/find-token-form";
import { PageHeader } from "@/components/ui/page-header";
import { Panel } from "@/components/ui/panel";
import { auditQueryParams, parseAuditQuery } from "@/lib/audit/filters";
import { requireAuditLogPage } from "@/lib/audit/page-data";
import { auditRetentionDays, existingTargets, listAccountUsers, listAuditEvents } from "@/lib/audit/queries";
import { cursorParam } from "@/lib/keyset";
import { PAGE_SIZE } from "@/lib/pagination";

export const metadata: Metadata = { title: "Audit log" };

const PATH = "/manage/audit-log";
const pageLink = "rounded-md px-3 py-1.5 font-medium ring-1 ring-slate-300 ring-inset hover:bg-slate-50";

export default async function AuditLogPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireAuditLogPage();
  const query = parseAuditQuery(await searchParams);
  // One more than a page: whether an "Older" page exists, without counting the whole log.
  const [rows, users, keptDays] = await Promise.all([
    query.errors.length ? [] : listAuditEvents(user.accountId, query.filter, query.after, PAGE_SIZE + 1),
    listAccountUsers(user.accountId),
    auditRetentionDays(user.accountId),
  ]);
  const page = rows.slice(0, PAGE_SIZE);
  const idsOf = (kind: string) => [...new Set(page.filter((r) => r.targetKind === kind && r.targetId).map((r) => r.targetId!))];
  const targets = await existingTargets(user.accountId, idsOf("token"), idsOf("webhook_endpoint"));
  const keep = auditQueryParams(query);
  const withParams = (extra: Record<string, string>) => `${PATH}?${new URLSearchParams([...keep, ...Object.entries(extra)])}`;

  return (
    <>
      <PageHeader title="Audit log" description={`Every change and sign-in across the account, newest first. Times in UTC; kept ${keptDays} days.`} />
      <div className="space-y-6">
        <Panel>
          <FindTokenForm />
        </Panel>
        <AuditLogFilters path={PATH} users={users} action={query.action} actor={query.actor} from={query.from} to={query.to} />
        {query.errors.length ? (
          <p role="alert" aria-label="Filter error" className="rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800">
            {query.errors.join(" ")}
          </p>
        ) : null}
        <AuditLogTable rows={page} tokens={targets.tokens} endpoints={targets.endpoints} />
        <nav aria-label="Audit log pages" className="flex justify-end gap-2 text-sm">
          {query.after ? (
            <Link href={withParams({})} className={pageLink}>
              Newest
            </Link>
          ) : null}
          {rows.length > PAGE_SIZE ? (
            <Link href={withParams({ after: cursorParam(page[page.length - 1]!) })} className={pageLink}>
              Older
            </Link>
          ) : null}
        </nav>
      </div>
    </>
  );
}
