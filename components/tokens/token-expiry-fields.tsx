"use client";

import { useFormContext, useWatch } from "react-hook-form";
import { FieldError, TextField } from "@/components/ui/field";
import { expiryChoicesFor } from "@/lib/tokens/expiry";
import type { CreateTokenInput } from "@/lib/tokens/schema";

interface Props {
  /** The operator's maximum lifetime in days; null offers "Never". */
  maxLifetimeDays: number | null;
  /** The date field's bounds (YYYY-MM-DD), from the server's clock: tomorrow, and today + the maximum. */
  earliest: string;
  latest?: string;
}

/** "Expires" on the New API Token form; the action re-checks it against the policy. */
export function TokenExpiryFields({ maxLifetimeDays, earliest, latest }: Props) {
  const { register, formState, control } = useFormContext<CreateTokenInput>();
  const custom = useWatch({ control, name: "expires" }) === "custom";
  const error = formState.errors.expires?.message;
  const dateError = formState.errors.expiresOn?.message;
  return (
    <fieldset aria-describedby="expires-hint expires-error">
      <legend className="text-sm font-medium text-slate-800">Expires</legend>
      <p id="expires-hint" className="mt-1 text-sm text-slate-500">
        {maxLifetimeDays === null
          ? "An expired token stops working and frees its place."
          : `Your account's tokens must expire within ${maxLifetimeDays} days.`}
      </p>
      <div className="mt-2 flex flex-wrap gap-x-5 gap-y-2">
        {expiryChoicesFor(maxLifetimeDays).map((choice) => (
          <label key={choice.value} className="flex items-center gap-2 text-sm text-slate-700">
            <input type="radio" value={choice.value} className="h-4 w-4 accent-indigo-600" {...register("expires")} />
            {choice.label}
          </label>
        ))}
      </div>
      <FieldError id="expires-error" message={error} />
      {custom ? (
        <TextField
          id="expires-on"
          type="date"
          label="Expiry date"
          min={earliest}
          max={latest}
          error={dateError}
          className="mt-3 max-w-xs"
          {...register("expiresOn")}
        />
      ) : null}
    </fieldset>
  );
}
