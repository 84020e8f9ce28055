"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState, useTransition } from "react";
import { useForm } from "react-hook-form";
import { applyActionErrors } from "@/components/ui/apply-action-errors";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { chooseNewPassword } from "@/lib/my-account/actions";
import { choosePasswordSchema } from "@/lib/auth/password-policy";

type Values = { password: string; confirmPassword: string };

export function ChoosePasswordForm() {
  const [pending, startTransition] = useTransition();
  const [formError, setFormError] = useState<string>();
  const form = useForm<Values>({ resolver: zodResolver(choosePasswordSchema), defaultValues: { password: "", confirmPassword: "" } });
  const { errors } = form.formState;

  const onSubmit = form.handleSubmit((values) =>
    startTransition(async () => {
      setFormError(undefined);
      const result = await chooseNewPassword(values);
      if (!result.ok) setFormError(applyActionErrors(result, form.setError));
    }),
  );

  return (
    <form method="post" onSubmit={onSubmit} noValidate className="space-y-5">
      <FormAlert message={formError} />
      <TextField
        label="New password"
        type="password"
        autoComplete="new-password"
        autoFocus
        hint="12 to 128 characters, not a commonly used password."
        error={errors.password?.message}
        {...form.register("password")}
      />
      <TextField label="Confirm new password" type="password" autoComplete="new-password" error={errors.confirmPassword?.message} {...form.register("confirmPassword")} />
      <Button type="submit" className="w-full" disabled={pending}>
        Save new password
      </Button>
    </form>
  );
}
