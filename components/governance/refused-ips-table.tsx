import Link from "next/link";
import { Panel } from "@/components/ui/panel";
import { TableHead } from "@/components/ui/table-head";
import { formatDateTime } from "@/lib/format";
import { addToWhitelistHref } from "@/lib/governance/whitelist";

interface RefusedIp {
  ip: string;
  requests: number;
  lastSeenAt: Date;
}

/**
 * Usage: the addresses refused with `ip_not_allowed` most often. "Add to whitelist" only opens
 * Details with the address filled in: an admin decides and saves (no "learn mode").
 */
export function RefusedIpsTable({ tokenId, rows, days, canAdd }: { tokenId: string; rows: RefusedIp[]; days: number; canAdd: boolean }) {
  return (
    <Panel as="section" variant="table" aria-labelledby="refused-ips-heading">
      <div className="px-6 pt-5 pb-3">
        <h2 id="refused-ips-heading" className="text-base font-semibold text-slate-900">
          Top refused client IPs, last {days} days
        </h2>
        <p className="mt-1 text-sm text-slate-600">Requests refused because the address is not on the IP whitelist. They never received data.</p>
      </div>
      {rows.length === 0 ? (
        <p className="px-6 pb-5 text-sm text-slate-600">No requests were refused for their IP address.</p>
      ) : (
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          <caption className="sr-only">Top refused client IPs</caption>
          <TableHead columns={canAdd ? ["IP address", "Requests", "Last seen", ""] : ["IP address", "Requests", "Last seen"]} />
          <tbody className="divide-y divide-slate-100">
            {rows.map((row) => (
              <tr key={row.ip}>
                <td className="px-4 py-3 font-mono whitespace-nowrap">{row.ip}</td>
                <td className="px-4 py-3 whitespace-nowrap">{row.requests.toLocaleString("en-AU")}</td>
                <td className="px-4 py-3 whitespace-nowrap">{formatDateTime(row.lastSeenAt)}</td>
                {canAdd ? (
                  <td className="px-4 py-3 text-right whitespace-nowrap">
                    <Link href={addToWhitelistHref(tokenId, row.ip)} className="font-medium text-indigo-700 hover:underline" aria-label={`Add ${row.ip} to whitelist`}>
                      Add to whitelist
                    </Link>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Panel>
  );
}
