"use client";

import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";
import { useAction } from "@/components/ui/use-action";
import { saveEmailNotices } from "@/lib/my-account/notice-actions";
import { NOTICE_KINDS, type NoticeKind } from "@/lib/notices/kinds";

/** My account › "Email notices" (admins): a checkbox per kind, all on unless opted out, and Save. */
export function EmailNoticesForm({ optedOut }: { optedOut: readonly string[] }) {
  const id = useId();
  const [receive, setReceive] = useState<NoticeKind[]>(NOTICE_KINDS.map((k) => k.key).filter((key) => !optedOut.includes(key)));
  const { pending, message, run } = useAction();
  const toggle = (key: NoticeKind, on: boolean) => setReceive((now) => (on ? [...now.filter((k) => k !== key), key] : now.filter((k) => k !== key)));
  return (
    <form
      method="post"
      className="space-y-4"
      onSubmit={(event) => {
        event.preventDefault();
        run(() => saveEmailNotices({ receive }), "Your email notices have been saved.");
      }}
    >
      <FormAlert message={message?.text} tone={message?.tone} />
      <fieldset>
        <legend className="sr-only">Email me when</legend>
        <ul className="space-y-3">
          {NOTICE_KINDS.map((kind) => (
            <li key={kind.key} className="flex items-start gap-3">
              <input
                id={`${id}-${kind.key}`}
                type="checkbox"
                checked={receive.includes(kind.key)}
                onChange={(e) => toggle(kind.key, e.target.checked)}
                aria-describedby={`${id}-${kind.key}-hint`}
                className="mt-0.5 h-4 w-4 rounded border-slate-300 accent-indigo-600"
              />
              <div>
                <label htmlFor={`${id}-${kind.key}`} className="text-sm font-medium text-slate-800">
                  {kind.label}
                </label>
                <p id={`${id}-${kind.key}-hint`} className="text-sm text-slate-500">
                  {kind.hint}
                </p>
              </div>
            </li>
          ))}
        </ul>
      </fieldset>
      <Button type="submit" variant="secondary" disabled={pending} aria-busy={pending || undefined}>
        Save
      </Button>
    </form>
  );
}
