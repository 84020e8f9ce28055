"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { useForm, type UseFormRegisterReturn } from "react-hook-form";
import { applyActionErrors } from "@/components/ui/apply-action-errors";
import { Button } from "@/components/ui/button";
import { FieldError } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { PAUSE_UNUSED_CHOICES, tokenPolicySchema, type TokenPolicyInput } from "@/lib/tokens/policy";
import { saveTokenPolicy } from "@/lib/tokens/policy-actions";

interface Choice {
  value: string;
  label: string;
}

interface Props {
  initial: TokenPolicyInput;
  /** The lifetimes within the operator's ceiling. */
  lifetimeChoices: readonly Choice[];
  /** The operator's ceiling in days, when one is set. */
  ceilingDays: number | null;
}

/** The token policy: two radio groups and Save; the action re-checks both against the ceiling. */
export function TokenPolicyForm({ initial, lifetimeChoices, ceilingDays }: Props) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<{ text: string; tone: "error" | "success" }>();
  const form = useForm<TokenPolicyInput>({ resolver: zodResolver(tokenPolicySchema), defaultValues: initial });
  const errors = form.formState.errors;

  const onSubmit = form.handleSubmit((values) =>
    startTransition(async () => {
      setMessage(undefined);
      const result = await saveTokenPolicy(values);
      if (!result.ok) {
        const formError = applyActionErrors(result, form.setError);
        return setMessage(formError ? { text: formError, tone: "error" } : undefined);
      }
      setMessage({ text: "Token policy saved.", tone: "success" });
      router.refresh();
    }),
  );

  const lifetimeHint = ceilingDays === null
    ? "New tokens, and a shortened expiry, must fall within it. Tokens that already exist keep their expiry."
    : `Hub support limits your account's tokens to ${ceilingDays} days; longer choices are not offered. Tokens that already exist keep their expiry.`;
  return (
    <form method="post" onSubmit={onSubmit} noValidate className="space-y-6">
      <FormAlert message={message?.text} tone={message?.tone} />
      <RadioGroup id="max-lifetime" legend="Maximum lifetime" hint={lifetimeHint} choices={lifetimeChoices} error={errors.maxLifetime?.message} register={form.register("maxLifetime")} />
      <RadioGroup
        id="pause-unused"
        legend="Pause tokens not used for"
        hint="A token not used for this long (nor created or resumed within it) is paused: requests with it are refused until an admin resumes it."
        choices={PAUSE_UNUSED_CHOICES}
        error={errors.pauseUnusedAfter?.message}
        register={form.register("pauseUnusedAfter")}
      />
      <Button type="submit" disabled={pending} aria-busy={pending || undefined}>
        Save
      </Button>
    </form>
  );
}

function RadioGroup(props: { id: string; legend: string; hint: string; choices: readonly Choice[]; error?: string; register: UseFormRegisterReturn }) {
  const { id, legend, hint, choices, error, register } = props;
  return (
    <fieldset aria-describedby={`${id}-hint ${id}-error`}>
      <legend className="text-sm font-medium text-slate-800">{legend}</legend>
      <p id={`${id}-hint`} className="mt-1 text-sm text-slate-500">
        {hint}
      </p>
      <div className="mt-2 flex flex-wrap gap-x-5 gap-y-2">
        {choices.map((choice) => (
          <label key={choice.value} className="flex items-center gap-2 text-sm text-slate-700">
            <input type="radio" value={choice.value} className="h-4 w-4 accent-indigo-600" {...register} />
            {choice.label}
          </label>
        ))}
      </div>
      <FieldError id={`${id}-error`} message={error} />
    </fieldset>
  );
}
