"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { useForm } from "react-hook-form";
import { applyActionErrors } from "@/components/ui/apply-action-errors";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { turnOffTwoFactor } from "@/lib/my-account/two-factor-actions";
import { turnOffTwoFactorSchema, type TurnOffTwoFactorInput } from "@/lib/my-account/schema";

/** Turning two-factor off takes the password and a code: a stolen session alone cannot. */
export function TurnOffTwoFactorForm() {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [formError, setFormError] = useState<string>();
  const form = useForm<TurnOffTwoFactorInput>({ resolver: zodResolver(turnOffTwoFactorSchema), defaultValues: { password: "", code: "" } });
  const { errors } = form.formState;

  const onSubmit = form.handleSubmit((values) =>
    startTransition(async () => {
      setFormError(undefined);
      const result = await turnOffTwoFactor(values);
      if (!result.ok) return setFormError(applyActionErrors(result, form.setError));
      router.refresh();
    }),
  );

  return (
    <form method="post" onSubmit={onSubmit} noValidate className="max-w-md space-y-4">
      <p role="status" className="text-sm font-medium text-emerald-800">
        Two-factor authentication is on
      </p>
      <FormAlert message={formError} />
      <TextField label="Password" type="password" autoComplete="current-password" error={errors.password?.message} {...form.register("password")} />
      <TextField label="Authentication code" autoComplete="one-time-code" error={errors.code?.message} {...form.register("code")} />
      <Button type="submit" variant="secondary" disabled={pending}>
        Turn off
      </Button>
    </form>
  );
}
