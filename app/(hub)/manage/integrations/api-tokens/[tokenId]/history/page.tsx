import type { Metadata } from "next";
import { TokenHistoryTable } from "@/components/tokens/token-history-table";
import { Pagination } from "@/components/ui/pagination";
import { PAGE_SIZE, pageNumber } from "@/lib/pagination";
import { listTokenEvents } from "@/lib/tokens/queries";
import { loadTokenPage } from "@/lib/tokens/page-data";

export const metadata: Metadata = { title: "API Token history" };

export default async function TokenHistoryPage({
  params,
  searchParams,
}: {
  params: Promise<{ tokenId: string }>;
  searchParams: Promise<{ page?: string }>;
}) {
  const { tokenId } = await params;
  const page = pageNumber((await searchParams).page);
  const { user, token } = await loadTokenPage(tokenId);
  const { rows: events, total } = await listTokenEvents(user.accountId, token.id, page);
  return (
    <>
      <TokenHistoryTable events={events} description={token.description} />
      <Pagination
        page={page}
        pageSize={PAGE_SIZE}
        total={total}
        path={`/manage/integrations/api-tokens/${token.id}/history`}
        label="History pages"
      />
    </>
  );
}
