"use client";

import Link from "next/link";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { signInWithCode } from "@/lib/auth/two-factor/code-step-action";

/**
 * After a right password, for a user with two-factor on. A plain form action: the browser posts
 * it before hydration or without JavaScript, and React submits it without a page load after.
 */
export function CodeStepForm({ callbackUrl }: { callbackUrl?: string }) {
  const [result, formAction, pending] = useActionState(signInWithCode, undefined);
  const failed = result && !result.ok ? result : undefined;
  return (
    <form action={formAction} className="space-y-5">
      <FormAlert message={failed?.formError} />
      <input type="hidden" name="callbackUrl" value={callbackUrl ?? ""} />
      <TextField
        name="code"
        label="Authentication code"
        hint="The code your authenticator app shows, or one of your recovery codes."
        autoComplete="one-time-code"
        autoFocus
        required
        error={failed?.fieldErrors?.code}
      />
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Checking…" : "Verify"}
      </Button>
      <p className="text-center text-sm">
        <Link href="/login" className="font-medium text-indigo-700 hover:text-indigo-900">
          Sign in as someone else
        </Link>
      </p>
    </form>
  );
}
