"use client";

import { useEffect, useId, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";

interface Props {
  /** "Invite link", "Password reset link". */
  label: string;
  link: string;
  /** How long it works, e.g. "This link works once and expires in 7 days." */
  note: string;
  /** Who it was mailed to as well, when it was. */
  mailedTo?: string;
}

/**
 * The one moment a one-time link is visible: it lives only in this component's props (client
 * memory). Closing the dialog, a reload or another page never shows it again.
 */
export function LinkReveal({ label, link, note, mailedTo }: Props) {
  const [copied, setCopied] = useState<"idle" | "copied" | "failed">("idle");
  const id = useId();
  const field = useRef<HTMLInputElement>(null);
  useEffect(() => field.current?.focus(), []);

  async function copy() {
    try {
      await navigator.clipboard.writeText(link);
      setCopied("copied");
    } catch {
      // No clipboard permission: select the text so Ctrl+C works.
      field.current?.select();
      setCopied("failed");
    }
  }

  return (
    <div>
      <label htmlFor={`${id}-link`} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <div className="mt-1.5 flex gap-2">
        <input
          id={`${id}-link`}
          ref={field}
          readOnly
          value={link}
          autoComplete="off"
          spellCheck={false}
          aria-describedby={`${id}-note`}
          onFocus={(e) => e.currentTarget.select()}
          className={inputClass(false, "font-mono")}
        />
        <Button variant="primary" onClick={copy}>
          Copy
        </Button>
      </div>
      <p aria-live="polite" className="mt-1.5 min-h-5 text-sm text-slate-600">
        {copied === "copied" ? "Copied to clipboard." : copied === "failed" ? "Copy failed: the link is selected, press Ctrl+C." : ""}
      </p>
      <p id={`${id}-note`} className="mt-1 text-sm font-medium text-slate-800">
        {note}
      </p>
      <p className="mt-1 text-sm text-slate-600">
        {mailedTo ? `It was also emailed to ${mailedTo}. ` : "Hand it over yourself: no mail was sent. "}
        It is shown only now.
      </p>
    </div>
  );
}
