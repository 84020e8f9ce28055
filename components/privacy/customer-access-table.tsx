import Link from "next/link";
import { Panel } from "@/components/ui/panel";
import { TableHead } from "@/components/ui/table-head";
import { formatDateTime } from "@/lib/format";
import type { TokenRead } from "@/lib/privacy/customer-access";

const when = (value: Date | null) => (value ? formatDateTime(value) : "—");

/**
 * The tokens that read one customer, most recent reader first; a token's name leads to its
 * settings. "Withheld (no consent)" only when some lookup was withheld.
 */
export function CustomerAccessTable({ tokens }: { tokens: TokenRead[] }) {
  const withheld = tokens.some((t) => t.withheld > 0);
  const columns = ["API token", "Purpose", "First read", "Last read", "Reads", "Attributes returned"];
  return (
    <Panel variant="table">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">API tokens that read this customer</caption>
        <TableHead columns={withheld ? [...columns, "Withheld (no consent)"] : columns} />
        <tbody className="divide-y divide-slate-100 align-top">
          {tokens.map((token) => (
            <tr key={token.tokenId}>
              <th scope="row" className="min-w-40 px-4 py-3 text-left font-medium">
                <Link href={`/manage/integrations/api-tokens/${token.tokenId}`} className="text-indigo-700 hover:underline">
                  {token.description}
                </Link>
              </th>
              <td className="px-4 py-3 whitespace-nowrap">{token.purpose}</td>
              <td className="px-4 py-3 whitespace-nowrap">{when(token.firstRead)}</td>
              <td className="px-4 py-3 whitespace-nowrap">{when(token.lastRead)}</td>
              <td className="px-4 py-3 text-right tabular-nums">{token.reads.toLocaleString("en-AU")}</td>
              <td className="px-4 py-3 font-mono break-words">{token.attributes.length ? token.attributes.join(", ") : "—"}</td>
              {withheld ? <td className="px-4 py-3 text-right tabular-nums">{token.withheld.toLocaleString("en-AU")}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </Panel>
  );
}
