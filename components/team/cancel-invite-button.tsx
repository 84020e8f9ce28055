"use client";

import { Button } from "@/components/ui/button";
import { useAction } from "@/components/ui/use-action";
import { cancelInvite } from "@/lib/team/actions";

/** "Cancel invite": the link stops working at once. Nothing to confirm: inviting again is one step. */
export function CancelInviteButton({ inviteId }: { inviteId: string }) {
  const { pending, message, run } = useAction();
  return (
    <span className="inline-flex items-center gap-3">
      <Button variant="secondary" disabled={pending} aria-busy={pending || undefined} onClick={() => run(() => cancelInvite(inviteId), undefined, "The invite could not be cancelled.")}>
        Cancel invite
      </Button>
      {message ? (
        <span role="status" className="text-sm text-red-700">
          {message.text}
        </span>
      ) : null}
    </span>
  );
}
