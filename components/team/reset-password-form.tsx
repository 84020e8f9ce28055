"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState, useTransition } from "react";
import { useForm } from "react-hook-form";
import { applyActionErrors } from "@/components/ui/apply-action-errors";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { useHydrated } from "@/components/ui/use-hydrated";
import { PASSWORD_MAX, PASSWORD_MIN } from "@/lib/auth/password-policy";
import { resetPasswordWithLink } from "@/lib/team/link-actions";
import { resetPasswordSchema, type ResetPasswordInput } from "@/lib/team/schema";

/** /reset-password/<code>: a new password; on success the action sends them to sign in. */
export function ResetPasswordForm({ code }: { code: string }) {
  const hydrated = useHydrated();
  const [pending, startTransition] = useTransition();
  const [formError, setFormError] = useState<string>();
  const { register, handleSubmit, formState, setError } = useForm<ResetPasswordInput>({
    resolver: zodResolver(resetPasswordSchema),
    defaultValues: { password: "", confirmPassword: "" },
  });

  const onSubmit = handleSubmit((values) => {
    setFormError(undefined);
    startTransition(async () => {
      const result = await resetPasswordWithLink(code, values);
      if (result && !result.ok) setFormError(applyActionErrors(result, setError));
    });
  });

  return (
    <form method="post" onSubmit={onSubmit} noValidate className="space-y-5">
      <FormAlert message={formError} />
      <TextField
        label="New password"
        type="password"
        autoComplete="new-password"
        hint={`${PASSWORD_MIN} to ${PASSWORD_MAX} characters, not a commonly used password.`}
        error={formState.errors.password?.message}
        {...register("password")}
      />
      <TextField label="Confirm new password" type="password" autoComplete="new-password" error={formState.errors.confirmPassword?.message} {...register("confirmPassword")} />
      <Button type="submit" className="w-full" disabled={pending || !hydrated} aria-busy={pending || undefined}>
        Set new password
      </Button>
    </form>
  );
}
