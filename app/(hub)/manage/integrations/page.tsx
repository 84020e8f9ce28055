import type { Metadata } from "next";
import { IntegrationTile } from "@/components/integrations/integration-tile";
import { Badge } from "@/components/ui/badge";
import { can } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";
import { clock } from "@/lib/clock";
import { EXPIRY_BANNER_DAYS, expiringBannerText } from "@/lib/tokens/expiry";
import { countTokensExpiringWithin, getTokenAllowance } from "@/lib/tokens/queries";
import { countEndpoints } from "@/lib/webhooks/queries";

export const metadata: Metadata = { title: "Integrations" };

export default async function IntegrationsPage() {
  const user = await requireUser();
  const now = new Date(clock.now());
  // Webhooks are for admins: marketers see no tile (and its pages answer 404).
  const webhooks = can(user, "webhooks:manage");
  const [allowance, expiring, endpoints] = await Promise.all([
    getTokenAllowance(user.accountId, now),
    countTokensExpiringWithin(user.accountId, now, EXPIRY_BANNER_DAYS),
    webhooks ? countEndpoints(user.accountId) : Promise.resolve(0),
  ]);
  return (
    <>
      <h1 className="text-2xl font-semibold tracking-tight">Integrations</h1>
      <p className="mt-1 text-sm text-slate-600">Connect the Hub to your own systems.</p>
      <ul className="mt-8 grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        <IntegrationTile
          href="/manage/integrations/api-tokens"
          title="API Tokens"
          description="Bearer tokens for the Activity and Profile Read APIs."
          iconPath="M15 7a4 4 0 1 1-3.9 4.9L4 19v-3h3v-3h3l1.1-1.1A4 4 0 0 1 15 7Z"
        >
          <Badge>
            {allowance.active} of {allowance.max} active
          </Badge>
          {expiring > 0 ? <Badge tone="warning">{expiringBannerText(expiring)}</Badge> : null}
        </IntegrationTile>
        {webhooks ? (
          <IntegrationTile
            href="/manage/integrations/webhooks"
            title="Webhooks"
            description="Signed token events posted to your endpoints."
            iconPath="M4 12h4l3-7 4 14 3-7h2"
          >
            <Badge>
              {endpoints} {endpoints === 1 ? "endpoint" : "endpoints"}
            </Badge>
          </IntegrationTile>
        ) : null}
      </ul>
    </>
  );
}
