"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState, useTransition } from "react";
import { FormProvider, useForm, useWatch } from "react-hook-form";
import { applyActionErrors } from "@/components/ui/apply-action-errors";
import { useHydrated } from "@/components/ui/use-hydrated";
import { Button } from "@/components/ui/button";
import { FieldError } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { createToken } from "@/lib/tokens/actions";
import { tokenTypeDescriptions, tokenTypeLabels } from "@/lib/tokens/labels";
import { createTokenSchema, type CreateTokenInput } from "@/lib/tokens/schema";
import { ALL_ACTIVITY_SCOPES, DEFAULT_DAILY_PROFILE_LIMIT, DEFAULT_PURPOSE } from "@/lib/tokens/scopes";
import { TOKEN_TYPES, type TokenType } from "@/lib/tokens/types";
import type { AttributeOption } from "./attributes-picker";
import { SecretReveal } from "./secret-reveal";
import { TokenExpiryFields } from "./token-expiry-fields";
import { TokenSettingsFields } from "./token-settings-fields";

interface Props {
  attributes: AttributeOption[];
  canCreateProfileRead: boolean;
  capReached: string | null;
  currentIp?: string;
  expiry: { maxLifetimeDays: number | null; earliest: string; latest?: string };
}

export function NewTokenForm({ attributes, canCreateProfileRead, capReached, currentIp, expiry }: Props) {
  const [pending, startTransition] = useTransition();
  const hydrated = useHydrated();
  const [formError, setFormError] = useState<string>();
  const [issued, setIssued] = useState<{ tokenId: string; token: string; type: TokenType; linkingAttribute: string; scopes?: string[] } | null>(null);
  const form = useForm<CreateTokenInput>({
    resolver: zodResolver(createTokenSchema, undefined, { raw: true }),
    defaultValues: { type: "activity", description: "", exposedAttributes: [], linkingAttribute: "", ipAllowList: [], acceptTerms: false,
      // Every scope ticked, the first purpose, 10,000 a day: the type's defaults (lib/tokens/scopes.ts).
      scopes: [...ALL_ACTIVITY_SCOPES], purpose: DEFAULT_PURPOSE, dailyProfileLimit: DEFAULT_DAILY_PROFILE_LIMIT,
      // "Never" is the default unless the operator's policy removes it; then the shortest choice.
      expires: expiry.maxLifetimeDays === null ? "never" : "30", expiresOn: "" },
  });
  const { register, handleSubmit, formState, setError, setValue, getValues } = form;
  const profileRead = useWatch({ control: form.control, name: "type" }) === "profile_read";

  if (issued) {
    return (
      <SecretReveal
        token={issued.token}
        type={issued.type}
        linkingAttribute={issued.linkingAttribute}
        scopes={issued.scopes}
        title="Your API token is ready"
        doneHref={`/manage/integrations/api-tokens/${issued.tokenId}`}
        doneLabel="Go to token settings"
      />
    );
  }

  const onSubmit = handleSubmit((values) => {
    setFormError(undefined);
    startTransition(async () => {
      const result = await createToken(values);
      if (result.ok) setIssued({ ...result.data, type: values.type, linkingAttribute: values.linkingAttribute ?? "", scopes: values.scopes });
      else setFormError(applyActionErrors(result, setError));
    });
  });

  return (
    <FormProvider {...form}>
      <form method="post" onSubmit={onSubmit} noValidate className="space-y-6">
        <FormAlert message={formError ?? capReached ?? undefined} />
        <fieldset aria-describedby="type-error">
          <legend className="text-sm font-medium text-slate-800">API type</legend>
          <div className="mt-2 grid gap-3 sm:grid-cols-2">
            {TOKEN_TYPES.map((type) => {
              const disabled = type === "profile_read" && !canCreateProfileRead;
              return (
                <div
                  key={type}
                  className={`flex gap-3 rounded-lg border p-4 ${
                    disabled ? "border-slate-200 bg-slate-50 text-slate-400" : "border-slate-300 has-[:checked]:border-indigo-600 has-[:checked]:ring-1 has-[:checked]:ring-indigo-600"
                  }`}
                >
                  <input
                    id={`type-${type}`}
                    type="radio"
                    value={type}
                    disabled={disabled}
                    aria-describedby={`type-${type}-hint`}
                    className="mt-0.5 h-4 w-4 accent-indigo-600"
                    {...register("type", {
                      onChange: () => {
                        if (type === "profile_read" && (getValues("ipAllowList") ?? []).length === 0) setValue("ipAllowList", [{ value: "" }]);
                      },
                    })}
                  />
                  <div>
                    {/* Only the name labels the radio; the description is its aria-describedby. */}
                    <label htmlFor={`type-${type}`} className={`block text-sm font-semibold ${disabled ? "" : "cursor-pointer"}`}>
                      {tokenTypeLabels[type]}
                    </label>
                    <p id={`type-${type}-hint`} className="mt-0.5 text-sm text-slate-500">
                      {disabled ? "Only admins can create Profile Read tokens." : tokenTypeDescriptions[type]}
                    </p>
                  </div>
                </div>
              );
            })}
          </div>
          <FieldError id="type-error" message={formState.errors.type?.message} />
        </fieldset>

        <TokenSettingsFields
          profileRead={profileRead}
          attributes={attributes}
          currentIp={currentIp}
        />

        <TokenExpiryFields {...expiry} />

        <div>
          <label className="flex items-start gap-2 text-sm text-slate-800">
            <input
              type="checkbox"
              className="mt-0.5 h-4 w-4 rounded accent-indigo-600"
              aria-invalid={formState.errors.acceptTerms ? true : undefined}
              aria-describedby="terms-error"
              {...register("acceptTerms")}
            />
            I agree to the terms and conditions
          </label>
          <FieldError id="terms-error" message={formState.errors.acceptTerms?.message} />
        </div>

        <div className="flex justify-end gap-3 border-t border-slate-200 pt-5">
          <Button type="submit" disabled={pending || !hydrated || Boolean(capReached)}>
            {pending ? "Saving…" : "Save"}
          </Button>
        </div>
      </form>
    </FormProvider>
  );
}
