import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { AddEndpointButton } from "@/components/webhooks/add-endpoint-button";
import { EndpointTable, NoEndpointsYet } from "@/components/webhooks/endpoint-table";
import { requireWebhookAdminPage } from "@/lib/webhooks/page-data";
import { listEndpoints } from "@/lib/webhooks/queries";

export const metadata: Metadata = { title: "Webhooks" };

export default async function WebhooksPage() {
  const user = await requireWebhookAdminPage();
  const endpoints = await listEndpoints(user.accountId);
  return (
    <>
      <PageHeader
        title="Webhooks"
        back={{ href: "/manage/integrations", label: "Integrations" }}
        description="The Hub posts signed token events (Standard Webhooks) to these endpoints, retrying for 24 hours."
        actions={<AddEndpointButton />}
      />
      {endpoints.length === 0 ? <NoEndpointsYet /> : <EndpointTable endpoints={endpoints} accountName={user.accountName} />}
    </>
  );
}
