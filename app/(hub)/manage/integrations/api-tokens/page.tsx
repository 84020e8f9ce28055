import type { Metadata } from "next";
import { NewTokenButton } from "@/components/tokens/new-token-button";
import { NoTokensYet, TokenTable } from "@/components/tokens/token-table";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { requireUser } from "@/lib/auth/session";
import { capReason } from "@/lib/tokens/cap";
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
      {total === 0 ? <NoTokensYet /> : <TokenTable tokens={tokens} accountName={user.accountName} />}
      <Pagination page={page} pageSize={PAGE_SIZE} total={total} path="/manage/integrations/api-tokens" label="Token pages" />
    </>
  );
}
