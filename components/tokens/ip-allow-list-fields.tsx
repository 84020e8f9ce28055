"use client";

import { useId } from "react";
import { useFieldArray, useFormContext, useFormState } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { FieldError, inputClass } from "@/components/ui/field";
import { MAX_IP_ENTRIES, type SharedSettingsValues } from "@/lib/tokens/schema";

interface Props {
  required: boolean;
  currentIp?: string;
  disabled?: boolean;
}

/** "IP whitelist": one row per address or range, each with its own message. */
export function IpAllowListFields({ required, currentIp, disabled }: Props) {
  // Both token forms carry `ipAllowList`; the list needs nothing else from them.
  const { control, register } = useFormContext<Pick<SharedSettingsValues, "ipAllowList">>();
  const { errors } = useFormState({ control });
  const { fields, append, remove } = useFieldArray({ control, name: "ipAllowList" });
  // `field.id` is random per render (server and browser disagree), so it serves only as the
  // React key; the DOM ids come from `useId`, which both sides derive alike, and the row index.
  const idPrefix = useId();
  const full = fields.length >= MAX_IP_ENTRIES;
  const listError = errors.ipAllowList?.message ?? errors.ipAllowList?.root?.message;

  return (
    <fieldset disabled={disabled} aria-describedby="ip-allow-list-hint ip-allow-list-error">
      <legend className="text-sm font-medium text-slate-800">
        IP whitelist {required ? null : <span className="font-normal text-slate-500">(optional)</span>}
      </legend>
      <p id="ip-allow-list-hint" className="mt-0.5 text-sm text-slate-500">
        {required
          ? "Profile Read tokens only answer requests from these addresses. Add at least one."
          : "Leave empty to accept requests from any address."}{" "}
        IPv4 or IPv6 addresses or CIDR ranges, up to {MAX_IP_ENTRIES}.
      </p>
      <ol className="mt-2 space-y-2">
        {fields.map((field, index) => {
          const error = errors.ipAllowList?.[index]?.value?.message;
          const inputId = `${idPrefix}ip-${index}`;
          return (
            <li key={field.id}>
              <div className="flex items-start gap-2">
                <div className="flex-1">
                  <label htmlFor={inputId} className="sr-only">
                    IP address or range
                  </label>
                  <input
                    id={inputId}
                    placeholder="203.0.113.0/24"
                    autoComplete="off"
                    spellCheck={false}
                    aria-invalid={error ? true : undefined}
                    aria-describedby={error ? `${inputId}-error` : undefined}
                    className={inputClass(Boolean(error), "font-mono")}
                    {...register(`ipAllowList.${index}.value` as const)}
                  />
                </div>
                <Button variant="ghost" onClick={() => remove(index)} aria-label={`Remove entry ${index + 1}`}>
                  Remove
                </Button>
              </div>
              <FieldError id={`${inputId}-error`} message={error} />
            </li>
          );
        })}
      </ol>
      <div className="mt-2 flex flex-wrap items-center gap-2">
        <Button variant="secondary" onClick={() => append({ value: "" })} disabled={full}>
          Add IP
        </Button>
        {currentIp ? (
          <Button variant="ghost" onClick={() => append({ value: currentIp })} disabled={full}>
            Add my current IP ({currentIp})
          </Button>
        ) : null}
        {full ? <span className="text-sm text-slate-500">The list is full ({MAX_IP_ENTRIES} entries).</span> : null}
      </div>
      <FieldError id="ip-allow-list-error" message={listError} />
    </fieldset>
  );
}
