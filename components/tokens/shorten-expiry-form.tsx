"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { useForm } from "react-hook-form";
import { applyActionErrors } from "@/components/ui/apply-action-errors";
import { Button } from "@/components/ui/button";
import { FieldError, inputClass } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { shortenExpiry } from "@/lib/tokens/actions";
import { shortenExpirySchema, type ShortenExpiryInput } from "@/lib/tokens/expiry";

interface Props {
  tokenId: string;
  /** The date field's bounds (YYYY-MM-DD): tomorrow, and the earlier of the current expiry and the maximum. */
  earliest: string;
  latest?: string;
}

/** Details: an admin brings the expiry forward; the action refuses any later date. */
export function ShortenExpiryForm({ tokenId, earliest, latest }: Props) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [formError, setFormError] = useState<string>();
  const form = useForm<ShortenExpiryInput>({ resolver: zodResolver(shortenExpirySchema), defaultValues: { expiresOn: "" } });
  const error = form.formState.errors.expiresOn?.message;

  const onSubmit = form.handleSubmit((values) =>
    startTransition(async () => {
      setFormError(undefined);
      const result = await shortenExpiry(tokenId, values);
      if (!result.ok) return setFormError(applyActionErrors(result, form.setError));
      form.reset({ expiresOn: "" });
      router.refresh();
    }),
  );

  return (
    <form method="post" onSubmit={onSubmit} noValidate className="space-y-3">
      <FormAlert message={formError} />
      <div className="flex flex-wrap items-end gap-3">
        <div className="max-w-xs">
          <label htmlFor="shorten-expires-on" className="block text-sm font-medium text-slate-800">
            New expiry date
          </label>
          <input
            id="shorten-expires-on"
            type="date"
            min={earliest}
            max={latest}
            aria-invalid={error ? true : undefined}
            aria-describedby="shorten-expires-on-error"
            className={inputClass(Boolean(error), "mt-1.5")}
            {...form.register("expiresOn")}
          />
        </div>
        <Button type="submit" variant="secondary" disabled={pending}>
          Shorten expiry
        </Button>
      </div>
      <FieldError id="shorten-expires-on-error" message={error} />
    </form>
  );
}
