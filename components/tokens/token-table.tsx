import Link from "next/link";
import { EmptyPanel, Panel } from "@/components/ui/panel";
import { TableHead } from "@/components/ui/table-head";
import { formatDateTime } from "@/lib/format";
import { daysLeft, displayStatus, isLive, EXPIRY_WARNING_DAYS, expiresInText } from "@/lib/tokens/expiry";
import { tokenPreview, tokenTypeLabels } from "@/lib/tokens/labels";
import { purposeLabel, scopeLabels } from "@/lib/tokens/scopes";
import type { listTokens } from "@/lib/tokens/queries";
import { SuspiciousBadge } from "@/components/governance/suspicious-badge";
import { needsAttention } from "@/lib/tokens/attention";
import { AttentionList, tokenNameId, type Fixers } from "./attention-list";
import { TokenStatusBadge } from "./token-status-badge";

type TokenRow = Awaited<ReturnType<typeof listTokens>>["rows"][number];

/** The account's tokens, one row each; revoked and expired ones stay, greyed. */
export function TokenTable({ tokens, accountName, now, fixers }: { tokens: TokenRow[]; accountName: string; now: number; fixers: Fixers }) {
  return (
    <Panel variant="table">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">API tokens of {accountName}</caption>
        <TableHead columns={["Description", "Type", "Token", "Created by", "Created", "Last used", "Status", "Needs attention"]} />
        <tbody className="divide-y divide-slate-100">
          {tokens.map((token) => {
            const status = displayStatus(token.status, token.expiresAt, now, token.exposedAt, token.pausedAt);
            const left = isLive(status) ? daysLeft(token.expiresAt, now) : null;
            return (
            <tr key={token.id} className={!isLive(status) ? "text-slate-500" : undefined}>
              <td className="max-w-xs px-4 py-3">
                <Link
                  id={tokenNameId(token.id)}
                  href={`/manage/integrations/api-tokens/${token.id}`}
                  className="font-medium break-words text-indigo-700 hover:underline"
                >
                  {token.description}
                </Link>
              </td>
              <td className="px-4 py-3">
                <span className="whitespace-nowrap">{tokenTypeLabels[token.type]}</span>
                <span className="block min-w-28 max-w-40 text-xs text-slate-600">
                  {token.type === "activity" ? `Scopes: ${scopeLabels(token.scopes)}` : `Purpose: ${purposeLabel(token.purpose)}`}
                </span>
              </td>
              <td className="px-4 py-3 font-mono whitespace-nowrap">{tokenPreview(token.displayPrefix)}</td>
              <td className="px-4 py-3 whitespace-nowrap">{token.createdByName ?? "Former user"}</td>
              <td className="px-4 py-3 whitespace-nowrap">{formatDateTime(token.createdAt)}</td>
              <td className="px-4 py-3 whitespace-nowrap">{formatDateTime(token.lastUsedAt)}</td>
              <td className="px-4 py-3">
                <span className="flex flex-wrap items-center gap-2">
                  <TokenStatusBadge status={status} />
                  {status === "active" && token.suspiciousAt ? <SuspiciousBadge reason={token.suspiciousReason} /> : null}
                  {left !== null && left <= EXPIRY_WARNING_DAYS ? (
                    <span className="text-xs font-medium whitespace-nowrap text-amber-800">{expiresInText(left)}</span>
                  ) : left !== null ? (
                    <span className="text-xs whitespace-nowrap text-slate-600">Expires {formatDateTime(token.expiresAt)}</span>
                  ) : null}
                  {status === "compromised" ? (
                    <span className="block max-w-56 text-xs text-red-700">
                      Reported as leaked by {token.exposedSource ?? "a report"}, {formatDateTime(token.exposedAt)}
                    </span>
                  ) : null}
                </span>
              </td>
              <td className="px-4 py-3">
                {isLive(status) ? <AttentionList tokenId={token.id} findings={needsAttention(token, now)} fixers={fixers} /> : null}
              </td>
            </tr>
            );
          })}
        </tbody>
      </table>
    </Panel>
  );
}

/** What the list shows before the account's first token. */
export function NoTokensYet() {
  return <EmptyPanel title="No API tokens yet" hint="Create one to call the Activity or Profile Read API." />;
}
