import type { Metadata } from "next";
import { UsageByDay, UsageSummary } from "@/components/tokens/usage-summary";
import { getTokenUsage } from "@/lib/tokens/queries";
import { loadTokenPage } from "@/lib/tokens/page-data";
import { firstDayOf, usageSeries } from "@/lib/tokens/usage-series";

export const metadata: Metadata = { title: "API Token usage" };

const DAYS = 14;

export default async function TokenUsagePage({ params }: { params: Promise<{ tokenId: string }> }) {
  const { tokenId } = await params;
  const { user, token } = await loadTokenPage(tokenId);
  const today = new Date();
  const series = usageSeries(await getTokenUsage(user.accountId, token.id, firstDayOf(today, DAYS)), today, DAYS);
  return (
    <div className="space-y-6">
      <UsageSummary token={token} />
      <UsageByDay series={series} />
    </div>
  );
}
