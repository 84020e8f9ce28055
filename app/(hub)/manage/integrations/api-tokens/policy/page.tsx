import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { TokenPolicyForm } from "@/components/tokens/token-policy-form";
import { PageHeader } from "@/components/ui/page-header";
import { Panel } from "@/components/ui/panel";
import { can } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";
import { lifetimeChoicesWithin, MAX_LIFETIME_CHOICES, PAUSE_UNUSED_CHOICES, valueOf } from "@/lib/tokens/policy";
import { getTokenPolicy } from "@/lib/tokens/queries";

export const metadata: Metadata = { title: "Token policy" };

/** The account's own token policy (PRODUCT.md §12): admins only; a marketer gets 404. */
export default async function TokenPolicyPage() {
  const user = await requireUser();
  if (!can(user, "tokens:policy")) notFound();
  const policy = await getTokenPolicy(user.accountId);
  const initial = {
    maxLifetime: valueOf(MAX_LIFETIME_CHOICES, policy.maxLifetimeDays),
    pauseUnusedAfter: valueOf(PAUSE_UNUSED_CHOICES, policy.pauseUnusedAfterDays),
  };
  return (
    <div className="max-w-3xl">
      <PageHeader
        title="Token policy"
        back={{ href: "/manage/integrations/api-tokens", label: "API Tokens" }}
        description="Rules for every API token of your account: how long new tokens may live, and when tokens nobody uses are paused."
      />
      <Panel as="section" aria-label="Token policy settings">
        <TokenPolicyForm initial={initial} lifetimeChoices={lifetimeChoicesWithin(policy.ceilingDays)} ceilingDays={policy.ceilingDays} />
      </Panel>
    </div>
  );
}
