"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useActionState, useState, useTransition } from "react";
import { useForm } from "react-hook-form";
import { applyActionErrors } from "@/components/ui/apply-action-errors";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { signInWithPassword } from "@/lib/auth/actions";
import { signInSchema, type SignInInput } from "@/lib/auth/schema";
import { signInFromForm } from "@/lib/auth/sign-in-form-action";

/**
 * Works before hydration and without JavaScript: the browser posts the form to
 * `signInFromForm` (a multipart POST, never a URL with the password in it) and the page comes
 * back with its answer. So the button has no "wait for hydration" phase; once hydrated, the form
 * checks its fields in the browser and signs in without a page load.
 *
 * Email and password have no default values: react-hook-form then takes what the fields hold when
 * it hydrates, so an address typed before hydration is kept instead of being reset to "".
 */
export function LoginForm({ callbackUrl }: { callbackUrl?: string }) {
  const [pending, startTransition] = useTransition();
  // Set only when the browser posted the form itself; its messages stand until the next submit.
  const [posted, formAction] = useActionState(signInFromForm, undefined);
  const [formError, setFormError] = useState<string>();
  const { register, handleSubmit, formState, setError } = useForm<SignInInput>({
    resolver: zodResolver(signInSchema),
    defaultValues: { callbackUrl },
  });
  const postedError = formState.submitCount === 0 && posted && !posted.result.ok ? posted.result : undefined;

  const onSubmit = handleSubmit((values) => {
    setFormError(undefined);
    startTransition(async () => {
      const result = await signInWithPassword(values);
      if (!result.ok) setFormError(applyActionErrors(result, setError));
    });
  });

  return (
    <form action={formAction} onSubmit={onSubmit} noValidate className="space-y-5">
      <FormAlert message={formError ?? postedError?.formError} />
      <input type="hidden" name="callbackUrl" value={callbackUrl ?? ""} />
      <TextField
        label="Email"
        type="email"
        autoComplete="username"
        autoFocus
        defaultValue={posted?.email}
        error={formState.errors.email?.message ?? postedError?.fieldErrors?.email}
        {...register("email")}
      />
      <TextField
        label="Password"
        type="password"
        autoComplete="current-password"
        error={formState.errors.password?.message ?? postedError?.fieldErrors?.password}
        {...register("password")}
      />
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}
