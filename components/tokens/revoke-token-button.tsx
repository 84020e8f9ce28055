"use client";

import { ConfirmDialog } from "@/components/ui/dialog";
import { revokeToken } from "@/lib/tokens/actions";
import { useConfirmedAction } from "@/components/ui/use-confirmed-action";

export function RevokeTokenButton({ tokenId, description }: { tokenId: string; description: string }) {
  const dialog = useConfirmedAction(() => revokeToken(tokenId), () => {}, "The token could not be revoked.");
  return (
    <ConfirmDialog actionLabel="Revoke API Token" title="Revoke this API token?" triggerVariant="danger" {...dialog}>
      <p>
        “{description}” stops working immediately, everywhere. <strong>This cannot be undone</strong>; the token stays in
        the list as Revoked.
      </p>
    </ConfirmDialog>
  );
}
