"use client";

import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";
import { createPasswordResetLink } from "@/lib/team/actions";
import { RESET_LINK_NOTE } from "@/lib/team/messages";
import { LinkReveal } from "./link-reveal";
import { DialogClose, TeamDialog } from "./team-dialog";

/** "Reset password": a one-time link (1 hour) for one user, shown once like an invite. */
export function ResetPasswordDialog({ userId, name, email }: { userId: string; name: string; email: string }) {
  const [open, setOpen] = useState(false);
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string>();
  const [created, setCreated] = useState<{ link: string; mailed: boolean } | null>(null);

  const onOpenChange = (next: boolean) => {
    setOpen(next);
    setError(undefined);
    if (!next) setCreated(null);
  };

  const create = () =>
    startTransition(async () => {
      setError(undefined);
      const result = await createPasswordResetLink(userId);
      if (!result.ok) return setError(result.formError ?? "The link could not be created.");
      setCreated(result.data);
    });

  return (
    <TeamDialog
      triggerLabel="Reset password"
      title={created ? "Password reset link" : `Reset ${name}'s password?`}
      description={
        created
          ? `Send this link to ${name}.`
          : "A one-time link lets them choose a new password; their current password keeps working until they do. An earlier link stops working."
      }
      open={open}
      onOpenChange={onOpenChange}
      // Once the link shows, "Done" must close at once, whatever the page refresh is still doing.
      pending={pending && !created}
    >
      {created ? (
        <div className="space-y-5">
          <LinkReveal label="Password reset link" link={created.link} note={RESET_LINK_NOTE} mailedTo={created.mailed ? email : undefined} />
          <div className="flex justify-end">
            <DialogClose asChild>
              <Button variant="secondary">Done</Button>
            </DialogClose>
          </div>
        </div>
      ) : (
        <div className="space-y-5">
          <FormAlert message={error} />
          <div className="flex justify-end gap-3">
            <DialogClose asChild>
              <Button variant="secondary" disabled={pending}>
                Cancel
              </Button>
            </DialogClose>
            <Button onClick={create} disabled={pending} aria-busy={pending || undefined}>
              Create reset link
            </Button>
          </div>
        </div>
      )}
    </TeamDialog>
  );
}
