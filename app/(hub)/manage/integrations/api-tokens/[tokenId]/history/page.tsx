import type { Metadata } from "next";
import { formatDateTime } from "@/lib/format";
import { Pagination } from "@/components/ui/pagination";
import { TableHead } from "@/components/ui/table-head";
import { listTokenEvents, PAGE_SIZE, pageNumber } from "@/lib/tokens/queries";
import { loadTokenPage } from "@/lib/tokens/page-data";

export const metadata: Metadata = { title: "API Token history" };

const actionLabels = { created: "Created", edited: "Edited", reset: "Reset", revoked: "Revoked" } as const;

export default async function TokenHistoryPage({
  params,
  searchParams,
}: {
  params: Promise<{ tokenId: string }>;
  searchParams: Promise<{ page?: string }>;
}) {
  const { tokenId } = await params;
  const page = pageNumber((await searchParams).page);
  const { user, token } = await loadTokenPage(tokenId);
  const { rows: events, total } = await listTokenEvents(user.accountId, token.id, page);
  return (
    <>
      <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm">
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          <caption className="sr-only">History of {token.description}</caption>
          <TableHead columns={["When", "Who", "Action", "Changes", "IP address"]} />
          <tbody className="divide-y divide-slate-100 align-top">
            {events.map((event) => (
              <tr key={event.id}>
                <td className="px-4 py-3 whitespace-nowrap">{formatDateTime(event.createdAt)}</td>
                <td className="px-4 py-3 whitespace-nowrap">{event.actorName}</td>
                <td className="px-4 py-3 font-medium whitespace-nowrap">{actionLabels[event.action]}</td>
                <td className="px-4 py-3">
                  {event.changes.length === 0 ? (
                    <span className="text-slate-400">—</span>
                  ) : (
                    <ul className="space-y-1">
                      {event.changes.map((change) => (
                        <li key={change.field}>
                          <span className="font-medium">{change.field}:</span>{" "}
                          <span className="text-slate-500 line-through decoration-slate-300">{change.from}</span> →{" "}
                          <span>{change.to}</span>
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
                <td className="px-4 py-3 font-mono whitespace-nowrap">{event.ip}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pagination
        page={page}
        pageSize={PAGE_SIZE}
        total={total}
        path={`/manage/integrations/api-tokens/${token.id}/history`}
        label="History pages"
      />
    </>
  );
}
