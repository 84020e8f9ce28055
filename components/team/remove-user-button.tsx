"use client";

import { ConfirmDialog } from "@/components/ui/dialog";
import { useConfirmedAction } from "@/components/ui/use-confirmed-action";
import { removeUser } from "@/lib/team/actions";

export function RemoveUserButton({ userId, name }: { userId: string; name: string }) {
  const dialog = useConfirmedAction(() => removeUser(userId), () => {}, "The user could not be removed.");
  return (
    <ConfirmDialog actionLabel="Remove user" title={`Remove ${name}?`} triggerVariant="danger" {...dialog}>
      <p>They lose access at once: every session they have ends, and they can no longer sign in.</p>
      <p>API tokens they created keep working: tokens belong to the account. Their name stays on them, marked “(removed)”.</p>
    </ConfirmDialog>
  );
}
