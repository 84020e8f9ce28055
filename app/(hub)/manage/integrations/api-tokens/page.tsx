import type { Metadata } from "next";
import Link from "next/link";
import { ApiReferenceLink } from "@/components/tokens/api-reference-link";
import { NewTokenButton } from "@/components/tokens/new-token-button";
import { NoTokensYet, TokenTable } from "@/components/tokens/token-table";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { can } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";
import { attentionSummary, needsAttention } from "@/lib/tokens/attention";
import { clock } from "@/lib/clock";
import { EXPIRY_BANNER_DAYS, expiringBannerText } from "@/lib/tokens/expiry";
import { capReason } from "@/lib/tokens/cap";
import { PAGE_SIZE, pageNumber } from "@/lib/pagination";
import { countTokensExpiringWithin, getTokenAllowance, listLiveTokenFacts, listTokens } from "@/lib/tokens/queries";

export const metadata: Metadata = { title: "API Tokens" };

export default async function ApiTokensPage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  const user = await requireUser();
  const page = pageNumber((await searchParams).page);
  const now = clock.now();
  const [allowance, { rows: tokens, total }, expiring, live] = await Promise.all([
    getTokenAllowance(user.accountId, new Date(now)),
    listTokens(user.accountId, page),
    countTokensExpiringWithin(user.accountId, new Date(now), EXPIRY_BANNER_DAYS),
    listLiveTokenFacts(user.accountId, new Date(now)),
  ]);
  const attention = attentionSummary(live.map((token) => needsAttention(token, now)));
  const fixers = { revoke: can(user, "tokens:revoke"), expiry: can(user, "tokens:set-expiry"), reset: can(user, "tokens:reset") };
  return (
    <>
      <PageHeader
        title="API Tokens"
        back={{ href: "/manage/integrations", label: "Integrations" }}
        description={`${allowance.active} of ${allowance.max} active. Create a token for each use, and revoke it when that use ends.`}
        actions={
          <div className="flex items-start gap-4">
            {can(user, "tokens:policy") ? (
              <Link href="/manage/integrations/api-tokens/policy" className="mt-2 text-sm font-medium text-indigo-700 hover:underline">
                Token policy
              </Link>
            ) : null}
            <NewTokenButton disabledReason={capReason(allowance)} />
          </div>
        }
      />
      {expiring > 0 ? (
        <p role="status" className="mb-4 rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm font-medium text-amber-900">
          {expiringBannerText(expiring)}
        </p>
      ) : null}
      {attention ? (
        <p className="mb-4 rounded-md border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900">
          {attention}. Each token&apos;s findings under Needs attention link to what resolves them.
        </p>
      ) : null}
      {total === 0 ? <NoTokensYet /> : <TokenTable tokens={tokens} accountName={user.accountName} now={now} fixers={fixers} />}
      <Pagination page={page} pageSize={PAGE_SIZE} total={total} path="/manage/integrations/api-tokens" label="Token pages" />
      <p className="mt-6 text-sm text-slate-600">
        How partners call the APIs: <ApiReferenceLink type="activity" /> · <ApiReferenceLink type="profile_read" />
      </p>
    </>
  );
}
