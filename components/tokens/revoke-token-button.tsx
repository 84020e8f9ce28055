"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { ConfirmDialog } from "@/components/ui/dialog";
import { revokeToken } from "@/lib/tokens/actions";

export function RevokeTokenButton({ tokenId, description }: { tokenId: string; description: string }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string>();

  const confirm = () =>
    startTransition(async () => {
      setError(undefined);
      const result = await revokeToken(tokenId);
      if (!result.ok) return setError(result.formError ?? "The token could not be revoked.");
      setOpen(false);
      router.refresh();
    });

  return (
    <ConfirmDialog
      actionLabel="Revoke API Token"
      title="Revoke this API token?"
      triggerVariant="danger"
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        setError(undefined);
      }}
      onConfirm={confirm}
      pending={pending}
      error={error}
    >
      <p>
        “{description}” stops working immediately, everywhere. <strong>This cannot be undone</strong>; the token stays in
        the list as Revoked.
      </p>
    </ConfirmDialog>
  );
}
