"use client";

import { useId } from "react";
import type { UseFormRegisterReturn } from "react-hook-form";
import { FieldError } from "@/components/ui/field";
import { ROLES, roleLabels } from "@/lib/team/schema";

const hints = {
  admin: "Everything, including Profile Read tokens (personal data), webhooks and the team.",
  marketer: "Activity tokens only.",
} as const;

/** "Role": Admin or Marketer, as radio buttons with what each may do. */
export function RoleFields({ field, error }: { field: UseFormRegisterReturn<"role">; error?: string }) {
  const id = useId();
  return (
    <fieldset aria-describedby={`${id}-error`}>
      <legend className="text-sm font-medium text-slate-800">Role</legend>
      <div className="mt-2 space-y-2">
        {ROLES.map((role) => (
          <div key={role} className="flex gap-2">
            <input
              id={`${id}-${role}`}
              type="radio"
              value={role}
              aria-describedby={`${id}-${role}-hint`}
              className="mt-0.5 h-4 w-4 shrink-0 accent-indigo-600"
              {...field}
            />
            <div>
              <label htmlFor={`${id}-${role}`} className="block text-sm font-medium text-slate-900">
                {roleLabels[role]}
              </label>
              <p id={`${id}-${role}-hint`} className="text-sm text-slate-600">
                {hints[role]}
              </p>
            </div>
          </div>
        ))}
      </div>
      <FieldError id={`${id}-error`} message={error} />
    </fieldset>
  );
}
