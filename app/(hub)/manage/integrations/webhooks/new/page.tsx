import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { Panel } from "@/components/ui/panel";
import { NewEndpointForm } from "@/components/webhooks/new-endpoint-form";
import { requireWebhookAdminPage } from "@/lib/webhooks/page-data";

export const metadata: Metadata = { title: "Add endpoint" };

export default async function NewEndpointPage() {
  await requireWebhookAdminPage();
  return (
    <div className="max-w-3xl">
      <PageHeader title="Add endpoint" back={{ href: "/manage/integrations/webhooks", label: "Webhooks" }} />
      <Panel as="section" aria-label="Endpoint settings">
        <NewEndpointForm />
      </Panel>
    </div>
  );
}
