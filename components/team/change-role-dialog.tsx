"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { useForm } from "react-hook-form";
import { applyActionErrors } from "@/components/ui/apply-action-errors";
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";
import { useHydrated } from "@/components/ui/use-hydrated";
import { changeRole } from "@/lib/team/actions";
import { changeRoleSchema, type ChangeRoleInput } from "@/lib/team/schema";
import type { Role } from "@/lib/auth/queries";
import { RoleFields } from "./role-fields";
import { DialogClose, TeamDialog } from "./team-dialog";

/** "Change role" for one user: the new role takes effect on their next request. */
export function ChangeRoleDialog({ userId, name, role }: { userId: string; name: string; role: Role }) {
  const router = useRouter();
  const hydrated = useHydrated();
  const [open, setOpen] = useState(false);
  const [pending, startTransition] = useTransition();
  const [formError, setFormError] = useState<string>();
  const { register, handleSubmit, formState, setError, reset } = useForm<ChangeRoleInput>({
    resolver: zodResolver(changeRoleSchema),
    defaultValues: { role },
  });

  const onOpenChange = (next: boolean) => {
    setOpen(next);
    setFormError(undefined);
    if (next) reset({ role });
  };

  const onSubmit = handleSubmit((values) => {
    setFormError(undefined);
    startTransition(async () => {
      const result = await changeRole(userId, values);
      if (!result.ok) return setFormError(applyActionErrors(result, setError));
      setOpen(false);
      router.refresh();
    });
  });

  return (
    <TeamDialog
      triggerLabel="Change role"
      title={`Change ${name}'s role`}
      description="It takes effect on their next click."
      open={open}
      onOpenChange={onOpenChange}
      pending={pending}
    >
      <form method="post" onSubmit={onSubmit} noValidate className="space-y-5">
        <FormAlert message={formError} />
        <RoleFields field={register("role")} error={formState.errors.role?.message} />
        <div className="flex justify-end gap-3 border-t border-slate-200 pt-5">
          <DialogClose asChild>
            <Button variant="secondary" disabled={pending}>
              Cancel
            </Button>
          </DialogClose>
          <Button type="submit" disabled={pending || !hydrated} aria-busy={pending || undefined}>
            Change role
          </Button>
        </div>
      </form>
    </TeamDialog>
  );
}
