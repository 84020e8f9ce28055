import Link from "next/link";
import { EmptyPanel, Panel } from "@/components/ui/panel";
import { TableHead } from "@/components/ui/table-head";
import { formatDateTime } from "@/lib/format";
import type { listEndpoints } from "@/lib/webhooks/queries";
import { deliveryLabel, EndpointStatusBadge } from "./endpoint-status-badge";

type EndpointRow = Awaited<ReturnType<typeof listEndpoints>>[number];

/** The account's webhook endpoints: URL, events, status, last delivery. */
export function EndpointTable({ endpoints, accountName }: { endpoints: EndpointRow[]; accountName: string }) {
  return (
    <Panel variant="table">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">Webhook endpoints of {accountName}</caption>
        <TableHead columns={["URL", "Events", "Status", "Last delivery"]} />
        <tbody className="divide-y divide-slate-100">
          {endpoints.map((endpoint) => (
            <tr key={endpoint.id}>
              <td className="max-w-sm px-4 py-3">
                <Link href={`/manage/integrations/webhooks/${endpoint.id}`} className="font-mono break-all text-indigo-700 hover:underline">
                  {endpoint.url}
                </Link>
                {endpoint.description ? <span className="mt-0.5 block text-slate-600">{endpoint.description}</span> : null}
              </td>
              <td className="px-4 py-3">
                <span className="font-mono text-xs text-slate-700">{endpoint.events.join(", ")}</span>
              </td>
              <td className="px-4 py-3">
                <EndpointStatusBadge status={endpoint.status} />
              </td>
              <td className="px-4 py-3 whitespace-nowrap">
                {endpoint.lastDelivery ? (
                  <>
                    {deliveryLabel(endpoint.lastDelivery.status, 1)}
                    {endpoint.lastDelivery.lastStatus ? ` (HTTP ${endpoint.lastDelivery.lastStatus})` : ""}
                    <span className="block text-slate-600">{formatDateTime(endpoint.lastDelivery.at)}</span>
                  </>
                ) : (
                  "Never"
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Panel>
  );
}

export function NoEndpointsYet() {
  return <EmptyPanel title="No endpoints yet" hint="Add one to hear when tokens are created, reset, revoked, expiring or rate limited." />;
}
