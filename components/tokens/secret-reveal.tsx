"use client";

import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import { Button, buttonClass } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import type { TokenType } from "@/lib/tokens/types";
import { ApiReferenceLink } from "./api-reference-link";
import { TryIt } from "./try-it";
import { useLeaveGuard } from "./use-leave-guard";

export const SAVE_WARNING = "Ensure you save the token at this point because it cannot be viewed again.";

interface Props {
  token: string;
  title: string;
  /** The read-only field's label; a webhook's signing secret names itself. */
  label?: string;
  /** A token's type: shows how to try it. Without it (a signing secret) nothing is offered. */
  type?: TokenType;
  linkingAttribute?: string | null;
  /** An Activity token's scopes, for the example requests. */
  scopes?: readonly string[];
  doneLabel: string;
  /** Where "done" goes; without it, `onDone` closes the reveal in place. */
  doneHref?: string;
  onDone?: () => void;
}

/**
 * The one moment a secret (an API token, a webhook signing secret) is visible. It lives only in this component's props (client memory):
 * a reload, the back button or any other page will never show it again.
 */
export function SecretReveal({ token, title, label = "Your new API token", type, linkingAttribute, scopes, doneLabel, doneHref, onDone }: Props) {
  const [copied, setCopied] = useState<"idle" | "copied" | "failed">("idle");
  const heading = useRef<HTMLHeadingElement>(null);
  const field = useRef<HTMLInputElement>(null);
  useLeaveGuard(true);
  useEffect(() => heading.current?.focus(), []);

  async function copy() {
    try {
      await navigator.clipboard.writeText(token);
      setCopied("copied");
    } catch {
      // No clipboard permission: select the text so Ctrl+C works.
      field.current?.select();
      setCopied("failed");
    }
  }

  return (
    <section aria-labelledby="secret-reveal-title" className="rounded-xl border border-emerald-200 bg-emerald-50/60 p-6">
      <h2 id="secret-reveal-title" ref={heading} tabIndex={-1} className="text-lg font-semibold text-slate-900 focus:outline-none">
        {title}
      </h2>
      <div role="note" className="mt-3 flex gap-3 rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900">
        <svg aria-hidden="true" viewBox="0 0 20 20" className="mt-0.5 h-5 w-5 shrink-0 fill-amber-500">
          <path d="M8.3 2.9a2 2 0 0 1 3.4 0l6 10.4A2 2 0 0 1 16 16.3H4a2 2 0 0 1-1.7-3L8.3 3Zm1.7 4a.9.9 0 0 0-.9.9v3.5a.9.9 0 1 0 1.8 0V7.8a.9.9 0 0 0-.9-.9Zm0 8a1 1 0 1 0 0-2 1 1 0 0 0 0 2Z" />
        </svg>
        <p>{SAVE_WARNING}</p>
      </div>
      <label htmlFor="new-api-token" className="mt-4 block text-sm font-medium text-slate-800">
        {label}
      </label>
      <div className="mt-1.5 flex gap-2">
        <input
          id="new-api-token"
          ref={field}
          readOnly
          value={token}
          autoComplete="off"
          spellCheck={false}
          onFocus={(e) => e.currentTarget.select()}
          className={inputClass(false, "font-mono")}
        />
        <Button variant="primary" onClick={copy}>
          Copy
        </Button>
      </div>
      <p aria-live="polite" className="mt-1.5 min-h-5 text-sm text-slate-600">
        {copied === "copied" ? "Copied to clipboard." : copied === "failed" ? "Copy failed: the secret is selected, press Ctrl+C." : ""}
      </p>
      {type ? (
        <div className="mt-4">
          <TryIt type={type} linkingAttribute={linkingAttribute} scopes={scopes} />
          <p className="mt-2 text-sm text-slate-600">
            Every endpoint, with examples and errors: <ApiReferenceLink type={type} newTab />
          </p>
        </div>
      ) : null}
      <div className="mt-4 flex justify-end">
        {doneHref ? (
          <Link href={doneHref} data-leave-ok className={buttonClass("secondary")}>
            {doneLabel}
          </Link>
        ) : (
          <Button variant="secondary" onClick={onDone}>
            {doneLabel}
          </Button>
        )}
      </div>
    </section>
  );
}
