"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { useForm } from "react-hook-form";
import { applyActionErrors } from "@/components/ui/apply-action-errors";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
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
      <div className="flex flex-wrap items-start gap-3">
        <TextField
          id="shorten-expires-on"
          type="date"
          label="New expiry date"
          min={earliest}
          max={latest}
          error={error}
          className="max-w-xs"
          {...form.register("expiresOn")}
        />
        {/* Level with the input under its label (20px line + 6px gap), whether or not an error shows below it. */}
        <Button type="submit" variant="secondary" disabled={pending} className="mt-6.5">
          Shorten expiry
        </Button>
      </div>
    </form>
  );
}
