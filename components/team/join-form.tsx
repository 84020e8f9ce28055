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
import { joinWithInvite } from "@/lib/team/link-actions";
import { joinSchema, type JoinInput } from "@/lib/team/schema";

const PASSWORD_HINT = `${PASSWORD_MIN} to ${PASSWORD_MAX} characters, not a commonly used password.`;

/** /invite/<code>: name and password; on success the action signs in and opens Integrations. */
export function JoinForm({ code, email }: { code: string; email: string }) {
  const hydrated = useHydrated();
  const [pending, startTransition] = useTransition();
  const [formError, setFormError] = useState<string>();
  const { register, handleSubmit, formState, setError } = useForm<JoinInput>({
    resolver: zodResolver(joinSchema),
    defaultValues: { name: "", password: "", confirmPassword: "" },
  });

  const onSubmit = handleSubmit((values) => {
    setFormError(undefined);
    startTransition(async () => {
      // Success navigates away (a redirect): only a refusal comes back.
      const result = await joinWithInvite(code, values);
      if (result && !result.ok) setFormError(applyActionErrors(result, setError));
    });
  });

  return (
    <form method="post" onSubmit={onSubmit} noValidate className="space-y-5">
      <FormAlert message={formError} />
      <p className="text-sm text-slate-700">
        You will sign in as <span className="block font-medium break-words text-slate-900">{email}</span>
      </p>
      {/* For password managers: the account name the new password belongs to. */}
      <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
      <TextField label="Your name" autoComplete="name" error={formState.errors.name?.message} {...register("name")} />
      <TextField label="Password" type="password" autoComplete="new-password" hint={PASSWORD_HINT} error={formState.errors.password?.message} {...register("password")} />
      <TextField label="Confirm password" type="password" autoComplete="new-password" error={formState.errors.confirmPassword?.message} {...register("confirmPassword")} />
      <Button type="submit" className="w-full" disabled={pending || !hydrated} aria-busy={pending || undefined}>
        Create account
      </Button>
    </form>
  );
}
