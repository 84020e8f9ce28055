"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useEffect, useState, useTransition } from "react";
import { FormProvider, useForm } from "react-hook-form";
import { applyActionErrors } from "@/components/ui/apply-action-errors";
import { useHydrated } from "@/components/ui/use-hydrated";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { updateToken } from "@/lib/tokens/actions";
import { updateTokenSchema, type UpdateTokenInput } from "@/lib/tokens/schema";
import type { TokenType } from "@/lib/tokens/types";
import type { AttributeOption } from "./attributes-picker";
import { TokenSettingsFields } from "./token-settings-fields";

interface Props {
  tokenId: string;
  type: TokenType;
  initial: Omit<UpdateTokenInput, "type">;
  attributes: AttributeOption[];
  rateLimitCeiling: number;
  readOnlyReason: string | null;
  /** Marketers see the limit but only admins change it (the server refuses it too). */
  rateLimitReadOnly: boolean;
  currentIp?: string;
  /** From Usage's "Add to whitelist": a new row with this address, unsaved until Save. */
  prefillIp?: string;
}

/** Details tab: the creation form's editable fields (not the type) and the rate limit. */
export function TokenDetailsForm({ tokenId, type, initial, attributes, rateLimitCeiling, readOnlyReason, rateLimitReadOnly, currentIp, prefillIp }: Props) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const hydrated = useHydrated();
  const [status, setStatus] = useState<{ tone: "error" | "success"; message: string }>();
  const form = useForm<UpdateTokenInput>({
    resolver: zodResolver(updateTokenSchema, undefined, { raw: true }),
    defaultValues: { ...initial, type },
  });
  const { register, handleSubmit, formState, setError, reset, setValue } = form;
  // Added as an edit, not a default: the form is dirty, so leaving warns and only Save stores it.
  useEffect(() => {
    const current = initial.ipAllowList ?? [];
    if (prefillIp && !current.some((row) => row.value === prefillIp)) {
      setValue("ipAllowList", [...current, { value: prefillIp }], { shouldDirty: true });
    }
  }, [prefillIp, initial.ipAllowList, setValue]);
  const readOnly = Boolean(readOnlyReason);

  const onSubmit = handleSubmit((values) => {
    setStatus(undefined);
    startTransition(async () => {
      const result = await updateToken(tokenId, values);
      if (result.ok) {
        reset(values);
        setStatus({ tone: "success", message: "Changes saved." });
        router.refresh();
      } else {
        const formError = applyActionErrors(result, setError);
        if (formError) setStatus({ tone: "error", message: formError });
      }
    });
  });

  return (
    <FormProvider {...form}>
      <form method="post" onSubmit={onSubmit} noValidate className="space-y-6" aria-labelledby="token-settings-heading">
        {readOnlyReason ? <p className="rounded-md bg-slate-100 px-4 py-3 text-sm text-slate-700">{readOnlyReason}</p> : null}
        <FormAlert message={status?.message} tone={status?.tone} />
        <TokenSettingsFields
          profileRead={type === "profile_read"}
          attributes={attributes}
          currentIp={currentIp}
          disabled={readOnly}
        />
        <TextField
          label="Rate limit (requests per minute)"
          hint={
            rateLimitReadOnly
              ? "Only admins can change the rate limit."
              : `Up to ${rateLimitCeiling} for your account. Need more? Contact your Success Manager.`
          }
          type="number"
          inputMode="numeric"
          min={1}
          step={1}
          className="max-w-xs"
          disabled={readOnly}
          readOnly={rateLimitReadOnly}
          error={formState.errors.rateLimit?.message}
          {...register("rateLimit", { valueAsNumber: true })}
        />
        {readOnly ? null : (
          <div className="flex justify-end border-t border-slate-200 pt-5">
            <Button type="submit" disabled={pending || !hydrated}>
              {pending ? "Saving…" : "Save"}
            </Button>
          </div>
        )}
      </form>
    </FormProvider>
  );
}
