import type { Metadata } from "next";
import { RefusedIpsTable } from "@/components/governance/refused-ips-table";
import { UsageByDay, UsageSummary } from "@/components/tokens/usage-summary";
import { can } from "@/lib/auth/permissions";
import { clock } from "@/lib/clock";
import { displayStatus } from "@/lib/tokens/expiry";
import { dailyProfileLimit } from "@/lib/governance/profile-limit";
import { topRefusedIps } from "@/lib/governance/queries";
import { getTokenUsage } from "@/lib/tokens/queries";
import { loadTokenPage } from "@/lib/tokens/page-data";
import { firstDayOf, usageSeries } from "@/lib/tokens/usage-series";

export const metadata: Metadata = { title: "API Token usage" };

const DAYS = 14;

export default async function TokenUsagePage({ params }: { params: Promise<{ tokenId: string }> }) {
  const { tokenId } = await params;
  const { user, token } = await loadTokenPage(tokenId);
  const today = new Date();
  const since = firstDayOf(today, DAYS);
  const limit = token.type === "profile_read" ? token.dailyProfileLimit : null;
  const [usage, refused, customersToday] = await Promise.all([
    getTokenUsage(user.accountId, token.id, since),
    topRefusedIps(user.accountId, token.id, since),
    limit === null ? null : dailyProfileLimit.customersToday(token.id),
  ]);
  const series = usageSeries(usage, today, DAYS);
  // "Add to whitelist": admins, while the token can still be edited.
  const canAdd = displayStatus(token.status, token.expiresAt, clock.now()) === "active" && can(user, "tokens:governance");
  return (
    <div className="space-y-6">
      <UsageSummary token={token} customersToday={limit === null || customersToday === null ? undefined : { count: customersToday, limit }} />
      <UsageByDay series={series} />
      <RefusedIpsTable tokenId={token.id} rows={refused} days={DAYS} canAdd={canAdd} />
    </div>
  );
}
