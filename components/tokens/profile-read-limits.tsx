"use client";

import { useId } from "react";
import { useFormContext, useFormState } from "react-hook-form";
import { FieldError, TextField } from "@/components/ui/field";
import type { SharedSettingsValues } from "@/lib/tokens/schema";
import { ALL_PROFILE_PURPOSES, MAX_DAILY_PROFILE_LIMIT, PROFILE_PURPOSE_HINTS, PROFILE_PURPOSES } from "@/lib/tokens/scopes";

/** A Profile Read token's "Purpose" (which consent a profile needs) and "Daily profile limit (distinct customers)". */
export function ProfileReadLimits({ disabled }: { disabled?: boolean }) {
  const id = useId();
  const { control, register } = useFormContext<SharedSettingsValues>();
  const { errors } = useFormState({ control, name: ["purpose", "dailyProfileLimit"] });
  return (
    <>
      <fieldset aria-describedby={`${id}-hint ${id}-error`} disabled={disabled}>
        <legend className="text-sm font-medium text-slate-800">Purpose</legend>
        <p id={`${id}-hint`} className="mt-0.5 text-sm text-slate-500">
          Only profiles that consent to this purpose are returned; the others answer as not found.
        </p>
        <div className="mt-2 grid gap-3 sm:grid-cols-3">
          {ALL_PROFILE_PURPOSES.map((purpose) => (
            <div key={purpose} className="flex items-start gap-2 rounded-md border border-slate-200 p-3 has-[:checked]:border-indigo-600">
              <input
                id={`${id}-${purpose}`}
                type="radio"
                value={purpose}
                className="mt-0.5 h-4 w-4 accent-indigo-600"
                aria-describedby={`${id}-${purpose}-hint`}
                {...register("purpose")}
              />
              <div className="text-sm">
                <label htmlFor={`${id}-${purpose}`} className="font-medium text-slate-800">
                  {PROFILE_PURPOSES[purpose]}
                </label>
                <p id={`${id}-${purpose}-hint`} className="text-slate-500">
                  {PROFILE_PURPOSE_HINTS[purpose]}
                </p>
              </div>
            </div>
          ))}
        </div>
        <FieldError id={`${id}-error`} message={errors.purpose?.message} />
      </fieldset>
      <TextField
        label="Daily profile limit (distinct customers)"
        hint={`How many different customers this token may read in a UTC day (1 to ${MAX_DAILY_PROFILE_LIMIT.toLocaleString("en")}). Customers already read that day are still served.`}
        type="number"
        inputMode="numeric"
        min={1}
        max={MAX_DAILY_PROFILE_LIMIT}
        step={1}
        className="max-w-md"
        disabled={disabled}
        error={errors.dailyProfileLimit?.message}
        {...register("dailyProfileLimit", { valueAsNumber: true })}
      />
    </>
  );
}
