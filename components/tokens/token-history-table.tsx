import { Panel } from "@/components/ui/panel";
import { TableHead } from "@/components/ui/table-head";
import { formatDateTime } from "@/lib/format";
import { tokenEventLabels } from "@/lib/tokens/labels";
import type { listTokenEvents } from "@/lib/tokens/queries";

type TokenEventRow = Awaited<ReturnType<typeof listTokenEvents>>["rows"][number];

/** History: who did what to the token, when, from where, and which fields changed (old → new). */
export function TokenHistoryTable({ events, description }: { events: TokenEventRow[]; description: string }) {
  return (
    <Panel variant="table">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">History of {description}</caption>
        <TableHead columns={["When", "Who", "Action", "Changes", "IP address"]} />
        <tbody className="divide-y divide-slate-100 align-top">
          {events.map((event) => (
            <tr key={event.id}>
              <td className="px-4 py-3 whitespace-nowrap">{formatDateTime(event.createdAt)}</td>
              <td className="px-4 py-3 whitespace-nowrap">{event.actorName}</td>
              <td className="px-4 py-3 font-medium whitespace-nowrap">{tokenEventLabels[event.action]}</td>
              <td className="px-4 py-3">
                <Changes changes={event.changes} />
              </td>
              <td className="px-4 py-3 font-mono whitespace-nowrap">{event.ip}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Panel>
  );
}

function Changes({ changes }: { changes: TokenEventRow["changes"] }) {
  if (changes.length === 0) return <span className="text-slate-400">—</span>;
  return (
    <ul className="space-y-1">
      {changes.map((change) => (
        <li key={change.field}>
          <span className="font-medium">{change.field}:</span>{" "}
          <span className="text-slate-500 line-through decoration-slate-300">{change.from}</span> →{" "}
          <span>{change.to}</span>
        </li>
      ))}
    </ul>
  );
}
