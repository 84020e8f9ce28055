import type { Metadata } from "next";
import { headers } from "next/headers";
import { NewTokenForm } from "@/components/tokens/new-token-form";
import { PageHeader } from "@/components/ui/page-header";
import { Panel } from "@/components/ui/panel";
import { can } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";
import { clock } from "@/lib/clock";
import { requestIp } from "@/lib/request-ip";
import { dateInputValue } from "@/lib/tokens/expiry";
import { capReason } from "@/lib/tokens/cap";
import { getTokenAllowance, listAttributes } from "@/lib/tokens/queries";

export const metadata: Metadata = { title: "New API Token" };

export default async function NewApiTokenPage() {
  const user = await requireUser();
  const now = clock.now();
  const [allowance, attributes] = await Promise.all([getTokenAllowance(user.accountId, new Date(now)), listAttributes(user.accountId)]);
  const maxDays = allowance.maxLifetimeDays;
  const expiry = { maxLifetimeDays: maxDays, earliest: dateInputValue(now, 1), latest: maxDays === null ? undefined : dateInputValue(now, maxDays) };
  return (
    <div className="max-w-3xl">
      <PageHeader title="New API Token" back={{ href: "/manage/integrations/api-tokens", label: "API Tokens" }} />
      <Panel as="section" aria-labelledby="token-settings-heading">
        <h2 id="token-settings-heading" className="mb-5 text-base font-semibold text-slate-900">
          API Token Settings
        </h2>
        <NewTokenForm
          attributes={attributes}
          canCreateProfileRead={can(user, "tokens:write-profile-read")}
          capReached={capReason(allowance)}
          currentIp={requestIp(await headers()) ?? undefined}
          expiry={expiry}
        />
      </Panel>
    </div>
  );
}
