"use client";

import { useId } from "react";
import { FieldError } from "@/components/ui/field";
import { ACTIVITY_SCOPE_HINTS, ACTIVITY_SCOPES, ALL_ACTIVITY_SCOPES, type ActivityScope } from "@/lib/tokens/scopes";

interface Props {
  value: string[];
  onChange: (next: string[]) => void;
  error?: string;
  disabled?: boolean;
}

/** An Activity token's "Scopes": one checkbox per scope, each labelled by its name alone (its hint describes it). */
export function ScopesPicker({ value, onChange, error, disabled }: Props) {
  const id = useId();
  const selected = new Set(value);
  // Kept in the form's order, so what is saved and what History shows never depends on click order.
  const toggle = (scope: ActivityScope, checked: boolean) =>
    onChange(ALL_ACTIVITY_SCOPES.filter((s) => (s === scope ? checked : selected.has(s))));

  return (
    <fieldset aria-describedby={`${id}-hint ${id}-error`} aria-invalid={error ? true : undefined} disabled={disabled}>
      <legend className="text-sm font-medium text-slate-800">Scopes</legend>
      <p id={`${id}-hint`} className="mt-0.5 text-sm text-slate-500">
        What this token may read. Other endpoints answer 403 <code>insufficient_scope</code>.
      </p>
      <div className={`mt-2 grid gap-x-6 gap-y-2 rounded-md border p-3 sm:grid-cols-2 ${error ? "border-red-400" : "border-slate-200"}`}>
        {ALL_ACTIVITY_SCOPES.map((scope) => (
          <div key={scope} className="flex items-start gap-2">
            <input
              id={`${id}-${scope}`}
              type="checkbox"
              className="mt-0.5 h-4 w-4 rounded border-slate-300 accent-indigo-600"
              checked={selected.has(scope)}
              aria-describedby={`${id}-${scope}-hint`}
              onChange={(e) => toggle(scope, e.target.checked)}
            />
            <div className="text-sm">
              <label htmlFor={`${id}-${scope}`} className="font-medium text-slate-800">
                {ACTIVITY_SCOPES[scope]}
              </label>
              <p id={`${id}-${scope}-hint`} className="text-slate-500">
                <code className="text-xs">{scope}</code> · {ACTIVITY_SCOPE_HINTS[scope]}
              </p>
            </div>
          </div>
        ))}
      </div>
      <FieldError id={`${id}-error`} message={error} />
    </fieldset>
  );
}
