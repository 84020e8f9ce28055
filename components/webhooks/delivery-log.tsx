import { EmptyPanel, Panel } from "@/components/ui/panel";
import { TableHead } from "@/components/ui/table-head";
import { formatDateTime } from "@/lib/format";
import type { listDeliveries } from "@/lib/webhooks/queries";
import { deliveryLabel } from "./endpoint-status-badge";
import { ResendButton } from "./endpoint-actions";

type DeliveryRow = Awaited<ReturnType<typeof listDeliveries>>["rows"][number];

/** What was sent, when, how often and how it went; never the body or a secret. */
export function DeliveryLog({ endpointId, deliveries }: { endpointId: string; deliveries: DeliveryRow[] }) {
  if (deliveries.length === 0) {
    return <EmptyPanel title="No deliveries yet" hint="Send a test event, or change a token, to see one here." />;
  }
  return (
    <Panel variant="table">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">Deliveries to this endpoint, newest first</caption>
        <TableHead columns={["Event", "Time", "Status", "Attempts", "Last HTTP status", "Latency", "Actions"]} />
        <tbody className="divide-y divide-slate-100">
          {deliveries.map((d) => (
            <tr key={d.id}>
              <td className="px-4 py-3 font-mono whitespace-nowrap">{d.eventType}</td>
              <td className="px-4 py-3 whitespace-nowrap">{formatDateTime(d.createdAt)}</td>
              <td className="px-4 py-3">
                {deliveryLabel(d.status, d.attempts)}
                {d.lastError ? <span className="block text-xs text-slate-600">{d.lastError}</span> : null}
                {d.status === "pending" && d.attempts > 0 ? (
                  <span className="block text-xs text-slate-600">Next try {formatDateTime(d.nextAttemptAt)}</span>
                ) : null}
              </td>
              <td className="px-4 py-3">{d.attempts}</td>
              <td className="px-4 py-3">{d.lastStatus ?? "—"}</td>
              <td className="px-4 py-3 whitespace-nowrap">{d.lastLatencyMs === null ? "—" : `${d.lastLatencyMs} ms`}</td>
              <td className="px-4 py-3">
                <ResendButton endpointId={endpointId} deliveryId={d.id} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Panel>
  );
}
