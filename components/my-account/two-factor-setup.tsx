"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState, useTransition } from "react";
import { useForm } from "react-hook-form";
import { applyActionErrors } from "@/components/ui/apply-action-errors";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { startTwoFactorSetup, turnOnTwoFactor } from "@/lib/my-account/two-factor-actions";
import { turnOnTwoFactorSchema, type TurnOnTwoFactorInput } from "@/lib/my-account/schema";
import { RecoveryCodes } from "./recovery-codes";

type Step = { name: "start" } | { name: "scan"; keyText: string; qrCode: string } | { name: "on"; recoveryCodes: string[] };

/** Set up → scan the QR code (or type the key) → confirm with a code → recovery codes, once. */
export function TwoFactorSetup() {
  const [step, setStep] = useState<Step>({ name: "start" });
  const [pending, startTransition] = useTransition();
  const [formError, setFormError] = useState<string>();
  const form = useForm<TurnOnTwoFactorInput>({ resolver: zodResolver(turnOnTwoFactorSchema), defaultValues: { code: "" } });

  const begin = () =>
    startTransition(async () => {
      setFormError(undefined);
      const result = await startTwoFactorSetup();
      if (!result.ok) return setFormError(result.formError);
      setStep({ name: "scan", ...result.data });
    });

  const onSubmit = form.handleSubmit((values) =>
    startTransition(async () => {
      setFormError(undefined);
      const result = await turnOnTwoFactor(values);
      if (!result.ok) return setFormError(applyActionErrors(result, form.setError));
      setStep({ name: "on", recoveryCodes: result.data.recoveryCodes });
    }),
  );

  if (step.name === "on") return <RecoveryCodes codes={step.recoveryCodes} />;
  if (step.name === "start") {
    return (
      <div className="space-y-3">
        <FormAlert message={formError} />
        <p className="text-sm text-slate-600">Two-factor authentication is off. With it on, signing in also asks for a code from an authenticator app.</p>
        <Button type="button" onClick={begin} disabled={pending}>
          Set up two-factor authentication
        </Button>
      </div>
    );
  }
  return (
    <form method="post" onSubmit={onSubmit} noValidate className="space-y-4">
      <FormAlert message={formError} />
      <p className="text-sm text-slate-600">Scan this QR code with your authenticator app, or type the key into it. Then enter the code the app shows.</p>
      <div className="flex flex-wrap items-center gap-6">
        {/* A data: URL made on the server: no request leaves the page, and the CSP allows img-src data:. */}
        {/* eslint-disable-next-line @next/next/no-img-element */}
        <img src={step.qrCode} alt="QR code of your two-factor key" width={208} height={208} className="rounded-md border border-slate-200" />
        <div>
          <p className="text-sm font-medium text-slate-800">Key</p>
          <p className="mt-1 font-mono text-sm tracking-wider break-all text-slate-900" aria-label="Key">
            {step.keyText}
          </p>
        </div>
      </div>
      <TextField
        label="Authentication code"
        inputMode="numeric"
        autoComplete="one-time-code"
        className="max-w-xs"
        error={form.formState.errors.code?.message}
        {...form.register("code")}
      />
      <Button type="submit" disabled={pending}>
        Turn on
      </Button>
    </form>
  );
}
