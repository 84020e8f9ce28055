import type { Metadata } from "next";
import { CustomerLookup } from "@/components/privacy/customer-lookup";
import { PageHeader } from "@/components/ui/page-header";
import { Panel } from "@/components/ui/panel";
import { requirePrivacyPage } from "@/lib/privacy/page-data";

export const metadata: Metadata = { title: "Customer data access" };

export default async function CustomerDataAccessPage() {
  await requirePrivacyPage();
  return (
    <>
      <PageHeader
        title="Customer data access"
        description="Which Profile Read tokens read a customer, when, and which attributes they returned, over the access log's retention: the answer to a data-subject access request. Times in UTC."
      />
      <Panel>
        <CustomerLookup />
      </Panel>
    </>
  );
}
