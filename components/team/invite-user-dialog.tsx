"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState, useTransition } from "react";
import { useForm } from "react-hook-form";
import { applyActionErrors } from "@/components/ui/apply-action-errors";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { useHydrated } from "@/components/ui/use-hydrated";
import { inviteUser } from "@/lib/team/actions";
import { INVITE_LINK_NOTE } from "@/lib/team/messages";
import { inviteUserSchema, type InviteUserInput } from "@/lib/team/schema";
import { LinkReveal } from "./link-reveal";
import { RoleFields } from "./role-fields";
import { DialogClose, TeamDialog } from "./team-dialog";

/** "Invite user": Email and Role, then the invite link, shown once. */
export function InviteUserDialog() {
  const hydrated = useHydrated();
  const [open, setOpen] = useState(false);
  const [pending, startTransition] = useTransition();
  const [formError, setFormError] = useState<string>();
  const [created, setCreated] = useState<{ link: string; email: string; mailed: boolean } | null>(null);
  const { register, handleSubmit, formState, setError, reset } = useForm<InviteUserInput>({
    resolver: zodResolver(inviteUserSchema, undefined, { raw: true }),
    defaultValues: { email: "", role: "marketer" },
  });

  const onOpenChange = (next: boolean) => {
    setOpen(next);
    if (!next) {
      // The link is gone for good once the dialog closes.
      setCreated(null);
      setFormError(undefined);
      reset();
    }
  };

  const onSubmit = handleSubmit((values) => {
    setFormError(undefined);
    startTransition(async () => {
      const result = await inviteUser(values);
      if (!result.ok) return setFormError(applyActionErrors(result, setError));
      setCreated({ link: result.data.link, email: values.email.trim(), mailed: result.data.mailed });
    });
  });

  return (
    <TeamDialog
      triggerLabel="Invite user"
      triggerVariant="primary"
      title={created ? "Invite link" : "Invite user"}
      description={created ? "Send this link to the person you invited." : "They join with a link: you choose their role now, they choose their name and password."}
      open={open}
      onOpenChange={onOpenChange}
      // Once the link shows, "Done" must close at once, whatever the page refresh is still doing.
      pending={pending && !created}
    >
      {created ? (
        <div className="space-y-5">
          <LinkReveal label="Invite link" link={created.link} note={INVITE_LINK_NOTE} mailedTo={created.mailed ? created.email : undefined} />
          <div className="flex justify-end">
            <DialogClose asChild>
              <Button variant="secondary">Done</Button>
            </DialogClose>
          </div>
        </div>
      ) : (
        <form method="post" onSubmit={onSubmit} noValidate className="space-y-5">
          <FormAlert message={formError} />
          <TextField label="Email" type="email" autoComplete="off" error={formState.errors.email?.message} {...register("email")} />
          <RoleFields field={register("role")} error={formState.errors.role?.message} />
          <div className="flex justify-end gap-3 border-t border-slate-200 pt-5">
            <DialogClose asChild>
              <Button variant="secondary" disabled={pending}>
                Cancel
              </Button>
            </DialogClose>
            <Button type="submit" disabled={pending || !hydrated} aria-busy={pending || undefined}>
              Create invite link
            </Button>
          </div>
        </form>
      )}
    </TeamDialog>
  );
}
