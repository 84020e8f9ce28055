import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { Panel } from "@/components/ui/panel";
import { DeliveryLog } from "@/components/webhooks/delivery-log";
import { EndpointActions } from "@/components/webhooks/endpoint-actions";
import { EndpointStatusBadge } from "@/components/webhooks/endpoint-status-badge";
import { formatDateTime } from "@/lib/format";
import { PAGE_SIZE, pageNumber } from "@/lib/pagination";
import { loadEndpointPage } from "@/lib/webhooks/page-data";
import { listDeliveries } from "@/lib/webhooks/queries";

export const metadata: Metadata = { title: "Webhook endpoint" };

export default async function EndpointPage({ params, searchParams }: { params: Promise<{ endpointId: string }>; searchParams: Promise<{ page?: string }> }) {
  const { endpoint, user } = await loadEndpointPage((await params).endpointId);
  const page = pageNumber((await searchParams).page);
  const { rows, total } = await listDeliveries(user.accountId, endpoint.id, page);
  const path = `/manage/integrations/webhooks/${endpoint.id}`;
  return (
    <div className="space-y-6">
      <PageHeader title={endpoint.description || endpoint.url} back={{ href: "/manage/integrations/webhooks", label: "Webhooks" }} />
      <Panel as="section" aria-labelledby="endpoint-heading" className="space-y-4">
        <h2 id="endpoint-heading" className="text-base font-semibold text-slate-900">
          Endpoint
        </h2>
        <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-[max-content_1fr]">
          <dt className="font-medium text-slate-600">Endpoint URL</dt>
          <dd className="font-mono break-all text-slate-900">{endpoint.url}</dd>
          <dt className="font-medium text-slate-600">Events</dt>
          <dd className="font-mono text-slate-900">{endpoint.events.join(", ")}</dd>
          <dt className="font-medium text-slate-600">Status</dt>
          <dd>
            <EndpointStatusBadge status={endpoint.status} />
          </dd>
          <dt className="font-medium text-slate-600">Created</dt>
          <dd className="text-slate-900">{formatDateTime(endpoint.createdAt)}</dd>
        </dl>
        {endpoint.status === "disabled" && endpoint.disabledReason ? (
          <p role="status" className="rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900">
            {endpoint.disabledReason}
          </p>
        ) : null}
        {endpoint.status === "enabled" && endpoint.failingSince ? (
          <p role="status" className="rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900">
            Deliveries have been failing since {formatDateTime(endpoint.failingSince)}. The endpoint is disabled automatically after 24 hours of failures.
          </p>
        ) : null}
        <p className="text-sm text-slate-600">
          The signing secret was shown once, when the endpoint was added. Verify each delivery&apos;s <code>webhook-signature</code> with it.
        </p>
        <EndpointActions endpointId={endpoint.id} enabled={endpoint.status === "enabled"} />
      </Panel>
      <section aria-labelledby="deliveries-heading" className="space-y-3">
        <h2 id="deliveries-heading" className="text-base font-semibold text-slate-900">
          Delivery log
        </h2>
        <DeliveryLog endpointId={endpoint.id} deliveries={rows} />
        <Pagination page={page} pageSize={PAGE_SIZE} total={total} path={path} label="Delivery log pages" />
      </section>
    </div>
  );
}
