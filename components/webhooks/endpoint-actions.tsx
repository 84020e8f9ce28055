"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/dialog";
import { FormAlert } from "@/components/ui/form-alert";
import { useConfirmedAction } from "@/components/tokens/use-confirmed-action";
import type { ActionResult } from "@/lib/action-result";
import { resendDelivery, sendTestEvent, setEndpointEnabled } from "@/lib/webhooks/actions";

/** Runs an action from a plain button; says how it went in a status line. */
function useAction() {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<{ text: string; tone: "error" | "success" }>();
  const run = (action: () => Promise<ActionResult>, success: string) =>
    startTransition(async () => {
      const result = await action();
      setMessage(result.ok ? { text: success, tone: "success" } : { text: result.formError ?? "That did not work.", tone: "error" });
      router.refresh();
    });
  return { pending, message, run };
}

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
