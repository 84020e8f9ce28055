import type { Metadata } from "next";
import Link from "next/link";
import { NewTokenButton } from "@/components/tokens/new-token-button";
import { TokenStatusBadge } from "@/components/tokens/token-status-badge";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";
import { formatDateTime } from "@/lib/format";
import { capReason } from "@/lib/tokens/cap";
import { tokenPreview, tokenTypeLabels } from "@/lib/tokens/labels";
import { Pagination } from "@/components/ui/pagination";
import { TableHead } from "@/components/ui/table-head";
import { getTokenAllowance, listTokens, PAGE_SIZE, pageNumber } from "@/lib/tokens/queries";

export const metadata: Metadata = { title: "API Tokens" };

export default async function ApiTokensPage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  const user = await requireUser();
  const page = pageNumber((await searchParams).page);
  const [allowance, { rows: tokens, total }] = await Promise.all([getTokenAllowance(user.accountId), listTokens(user.accountId, page)]);
  return (
    <>
      <PageHeader
        title="API Tokens"
        back={{ href: "/manage/integrations", label: "Integrations" }}
        description={`${allowance.active} of ${allowance.max} active. Create a token for each use, and revoke it when that use ends.`}
        actions={<NewTokenButton disabledReason={capReason(allowance)} />}
      />
      {total === 0 ? (
        <div className="rounded-xl border border-dashed border-slate-300 bg-white px-6 py-12 text-center">
          <p className="font-medium text-slate-800">No API tokens yet</p>
          <p className="mt-1 text-sm text-slate-600">Create one to call the Activity or Profile Read API.</p>
        </div>
      ) : (
        <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm">
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <caption className="sr-only">API tokens of {user.accountName}</caption>
            <TableHead columns={["Description", "Type", "Token", "Created by", "Created", "Last used", "Status"]} />
            <tbody className="divide-y divide-slate-100">
              {tokens.map((token) => (
                <tr key={token.id} className={token.status === "revoked" ? "text-slate-500" : undefined}>
                  <td className="max-w-xs px-4 py-3">
                    <Link
                      href={`/manage/integrations/api-tokens/${token.id}`}
                      className="font-medium break-words text-indigo-700 hover:underline"
                    >
                      {token.description}
                    </Link>
                  </td>
                  <td className="px-4 py-3 whitespace-nowrap">{tokenTypeLabels[token.type]}</td>
                  <td className="px-4 py-3 font-mono whitespace-nowrap">{tokenPreview(token.displayPrefix)}</td>
                  <td className="px-4 py-3 whitespace-nowrap">{token.createdByName ?? "Former user"}</td>
                  <td className="px-4 py-3 whitespace-nowrap">{formatDateTime(token.createdAt)}</td>
                  <td className="px-4 py-3 whitespace-nowrap">{formatDateTime(token.lastUsedAt)}</td>
                  <td className="px-4 py-3">
                    <TokenStatusBadge status={token.status} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={page} pageSize={PAGE_SIZE} total={total} path="/manage/integrations/api-tokens" label="Token pages" />
    </>
  );
}
