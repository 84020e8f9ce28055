"use client";

import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/dialog";
import { FormAlert } from "@/components/ui/form-alert";
import { useAction } from "@/components/ui/use-action";
import { useConfirmedAction } from "@/components/ui/use-confirmed-action";
import { resendDelivery, sendTestEvent, setEndpointEnabled } from "@/lib/webhooks/actions";

export function EndpointActions({ endpointId, enabled }: { endpointId: string; enabled: boolean }) {
  const { pending, message, run } = useAction();
  const disable = useConfirmedAction(() => setEndpointEnabled(endpointId, false), () => {}, "The endpoint could not be disabled.");
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap gap-3">
        <Button variant="secondary" disabled={pending || !enabled} onClick={() => run(() => sendTestEvent(endpointId), "Test event queued.")}>
          Send test event
        </Button>
        {enabled ? (
          <ConfirmDialog actionLabel="Disable endpoint" title="Disable this endpoint?" {...disable}>
            <p>No events are sent to it until it is enabled again. Deliveries already queued wait; those older than 24 hours are given up.</p>
          </ConfirmDialog>
        ) : (
          <Button disabled={pending} onClick={() => run(() => setEndpointEnabled(endpointId, true), "Endpoint enabled.")}>
            Enable endpoint
          </Button>
        )}
      </div>
      <FormAlert message={message?.text} tone={message?.tone} />
    </div>
  );
}

export function ResendButton({ endpointId, deliveryId }: { endpointId: string; deliveryId: number }) {
  const { pending, message, run } = useAction();
  return (
    <span className="flex items-center gap-2">
      <Button variant="secondary" className="px-2.5 py-1" disabled={pending} onClick={() => run(() => resendDelivery(endpointId, deliveryId), "Queued")}>
        Resend
      </Button>
      <span aria-live="polite" className="text-xs text-slate-600">
        {message?.text}
      </span>
    </span>
  );
}
