import Link from "next/link";
import { Panel } from "@/components/ui/panel";
import { TableHead } from "@/components/ui/table-head";
import type { AuditRow } from "@/lib/audit/queries";
import { formatDateTime } from "@/lib/format";

interface Props {
  rows: AuditRow[];
  /** Targets that still exist: only those are links. */
  tokens: Set<string>;
  endpoints: Set<string>;
}

function targetHref(row: AuditRow, { tokens, endpoints }: Omit<Props, "rows">): string | null {
  if (!row.targetId) return null;
  if (row.targetKind === "token" && tokens.has(row.targetId)) return `/manage/integrations/api-tokens/${row.targetId}`;
  if (row.targetKind === "webhook_endpoint" && endpoints.has(row.targetId)) return `/manage/integrations/webhooks/${row.targetId}`;
  return null;
}

/** What a row's detail adds, in words: the fields an edit changed, a reason, a search's outcome. */
function detailText(detail: Record<string, unknown>): string | null {
  const parts: string[] = [];
  if (Array.isArray(detail.fields) && detail.fields.length) parts.push(detail.fields.join(", "));
  if (typeof detail.reason === "string") parts.push(detail.reason);
  if (detail.matched === true) parts.push("found a token");
  if (detail.matched === false) parts.push("no match");
  if (detail.automatic === true) parts.push("automatically");
  if (typeof detail.tokens === "number") parts.push(`${detail.tokens} ${detail.tokens === 1 ? "token" : "tokens"} found`);
  return parts.length ? parts.join(" · ") : null;
}

/** The audit log's rows, newest first. Labels were copied in when the row was written. */
export function AuditLogTable({ rows, tokens, endpoints }: Props) {
  if (rows.length === 0) {
    return (
      <Panel variant="empty">
        <p className="text-sm text-slate-600">No events match these filters.</p>
      </Panel>
    );
  }
  return (
    <Panel variant="table">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">Audit log, newest first</caption>
        <TableHead columns={["Time", "Actor", "Action", "Target", "IP"]} />
        <tbody className="divide-y divide-slate-100 align-top">
          {rows.map((row) => {
            const href = targetHref(row, { tokens, endpoints });
            const detail = detailText(row.detail);
            return (
              <tr key={row.id}>
                <td className="px-4 py-3 whitespace-nowrap">{formatDateTime(row.at)}</td>
                <td className="px-4 py-3">{row.actorName}</td>
                <td className="px-4 py-3">
                  <span className="font-mono text-slate-900">{row.action}</span>
                  {detail ? <div className="mt-0.5 text-xs text-slate-500">{detail}</div> : null}
                </td>
                <td className="px-4 py-3 break-words">
                  {href ? (
                    <Link href={href} className="font-medium text-indigo-700 hover:underline">
                      {row.targetLabel}
                    </Link>
                  ) : (
                    (row.targetLabel ?? "—")
                  )}
                </td>
                <td className="px-4 py-3 font-mono whitespace-nowrap">{row.ip ?? "—"}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </Panel>
  );
}
