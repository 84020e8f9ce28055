"use client";

import { useId } from "react";
import { inputClass } from "@/components/ui/field";

/** Shown once, right after two-factor is turned on: only hashes are kept. */
export function RecoveryCodes({ codes }: { codes: string[] }) {
  const id = useId();
  return (
    <div className="space-y-3">
      <p role="status" className="rounded-md border border-emerald-200 bg-emerald-50 px-4 py-3 text-sm font-medium text-emerald-800">
        Two-factor authentication is on
      </p>
      <p className="text-sm text-slate-600">
        Save these recovery codes somewhere safe. Each signs you in once if you lose your authenticator app. They will not be shown again.
      </p>
      <div className="max-w-xs">
        <label htmlFor={id} className="block text-sm font-medium text-slate-800">
          Recovery codes
        </label>
        <textarea id={id} readOnly rows={codes.length} value={codes.join("\n")} className={inputClass(false, "mt-1.5 font-mono")} />
      </div>
    </div>
  );
}
