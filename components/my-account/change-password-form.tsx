"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState, useTransition } from "react";
import { useForm } from "react-hook-form";
import { applyActionErrors } from "@/components/ui/apply-action-errors";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { changePassword } from "@/lib/my-account/actions";
import { changePasswordSchema, type ChangePasswordInput } from "@/lib/my-account/schema";

const empty: ChangePasswordInput = { currentPassword: "", password: "", confirmPassword: "" };

/** My account → Change password: every other session of the user ends; this one stays. */
export function ChangePasswordForm() {
  const [pending, startTransition] = useTransition();
  const [status, setStatus] = useState<{ text: string; tone: "error" | "success" }>();
  const form = useForm<ChangePasswordInput>({ resolver: zodResolver(changePasswordSchema), defaultValues: empty });
  const { errors } = form.formState;

  const onSubmit = form.handleSubmit((values) =>
    startTransition(async () => {
      setStatus(undefined);
      const result = await changePassword(values);
      if (!result.ok) {
        const message = applyActionErrors(result, form.setError);
        return setStatus(message ? { text: message, tone: "error" } : undefined);
      }
      form.reset(empty);
      setStatus({ text: "Your password has been changed.", tone: "success" });
    }),
  );

  return (
    <form method="post" onSubmit={onSubmit} noValidate className="max-w-md space-y-4">
      <FormAlert message={status?.text} tone={status?.tone} />
      <TextField label="Current password" type="password" autoComplete="current-password" error={errors.currentPassword?.message} {...form.register("currentPassword")} />
      <TextField
        label="New password"
        type="password"
        autoComplete="new-password"
        hint="12 to 128 characters, not a commonly used password."
        error={errors.password?.message}
        {...form.register("password")}
      />
      <TextField label="Confirm new password" type="password" autoComplete="new-password" error={errors.confirmPassword?.message} {...form.register("confirmPassword")} />
      <Button type="submit" disabled={pending}>
        Change password
      </Button>
    </form>
  );
}
