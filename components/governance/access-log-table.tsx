import { Panel } from "@/components/ui/panel";
import { TableHead } from "@/components/ui/table-head";
import { formatDateTime } from "@/lib/format";
import { accessOutcomeLabels } from "@/lib/governance/outcome-labels";
import type { AccessLogRow } from "@/lib/governance/queries";

/** The Access log's rows, newest first. The looked-up value is only ever a keyed hash: shown shortened. */
export function AccessLogTable({ rows, caption }: { rows: AccessLogRow[]; caption: string }) {
  if (rows.length === 0) {
    return (
      <Panel variant="empty">
        <p className="text-sm text-slate-600">No reads match these filters.</p>
      </Panel>
    );
  }
  return (
    <Panel variant="table">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">{caption}</caption>
        <TableHead columns={["Time", "IP address", "Looked up (hashed)", "Outcome", "Attributes returned", "Reads"]} />
        <tbody className="divide-y divide-slate-100 align-top">
          {rows.map((row) => (
            <tr key={row.id}>
              <td className="px-4 py-3 whitespace-nowrap">{formatDateTime(row.at)}</td>
              <td className="px-4 py-3 font-mono whitespace-nowrap">{row.ip ?? "unknown"}</td>
              <td className="px-4 py-3 font-mono whitespace-nowrap" title={row.valueHash}>
                {row.linkingAttribute} <span className="text-slate-500">{row.valueHash.slice(0, 10)}…</span>
              </td>
              <td className="px-4 py-3 whitespace-nowrap">{accessOutcomeLabels[row.outcome]}</td>
              <td className="px-4 py-3 font-mono break-words">{row.attributes.length ? row.attributes.join(", ") : "—"}</td>
              <td className="px-4 py-3 text-right tabular-nums">{row.reads}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Panel>
  );
}
