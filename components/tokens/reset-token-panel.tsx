"use client";

import { useState } from "react";
import { ConfirmDialog } from "@/components/ui/dialog";
import { resetToken } from "@/lib/tokens/actions";
import { tokenPreview } from "@/lib/tokens/labels";
import { OVERLAP_CHOICES, type OverlapChoice } from "@/lib/tokens/rotation";
import type { TokenType } from "@/lib/tokens/types";
import { SecretReveal } from "./secret-reveal";
import { useConfirmedAction } from "@/components/ui/use-confirmed-action";

export const HIDDEN_KEY_TEXT = "API Tokens can only be viewed when they are first created";

/** Where the key was: the notice, and directly beneath it "Reset API Token". */
interface Props {
  tokenId: string;
  displayPrefix: string;
  canReset: boolean;
  type: TokenType;
  linkingAttribute: string | null;
  scopes: readonly string[];
}

export function ResetTokenPanel({ tokenId, displayPrefix, canReset, type, linkingAttribute, scopes }: Props) {
  const [secret, setSecret] = useState<string | null>(null);
  const [keepOldFor, setKeepOldFor] = useState<OverlapChoice>("none");
  const dialog = useConfirmedAction(
    () => resetToken(tokenId, { keepOldFor }),
    (data) => setSecret(data.token),
    "The token could not be reset.",
  );
  // Each opening starts from the default (stop it now), so an overlap is always a fresh choice.
  const onOpenChange = (open: boolean) => {
    if (open) setKeepOldFor("none");
    dialog.onOpenChange(open);
  };

  if (secret) {
    return (
      <SecretReveal
        token={secret}
        type={type}
        linkingAttribute={linkingAttribute}
        scopes={scopes}
        title="Your API token has been reset"
        doneLabel="Done"
        onDone={() => setSecret(null)}
      />
    );
  }

  return (
    <div>
      <p className="text-sm font-medium text-slate-800">API token</p>
      <div className="mt-1.5 rounded-md border border-dashed border-slate-300 bg-slate-50 px-4 py-3">
        <p className="font-mono text-sm text-slate-500">{tokenPreview(displayPrefix)}</p>
        <p className="mt-1 text-sm text-slate-700">{HIDDEN_KEY_TEXT}</p>
      </div>
      {canReset ? (
        <div className="mt-3">
          <ConfirmDialog actionLabel="Reset API Token" title="Reset this API token?" {...dialog} onOpenChange={onOpenChange}>
            <p>A new secret replaces the current one.</p>
            <OverlapChoices value={keepOldFor} onChange={setKeepOldFor} disabled={dialog.pending} />
            <p>
              {keepOldFor === "none" ? (
                <strong>Anything using the old token will stop working and will need the new token.</strong>
              ) : (
                <strong>Both tokens work until the time you chose; then only the new one does.</strong>
              )}{" "}
              The new token is shown once, right after the reset.
            </p>
          </ConfirmDialog>
        </div>
      ) : null}
    </div>
  );
}

function OverlapChoices({ value, onChange, disabled }: { value: OverlapChoice; onChange: (v: OverlapChoice) => void; disabled?: boolean }) {
  return (
    <fieldset className="my-3" disabled={disabled}>
      <legend className="font-medium text-slate-800">Keep the old token working for</legend>
      <div role="radiogroup" aria-label="Keep the old token working for" className="mt-2 space-y-1.5">
        {OVERLAP_CHOICES.map((choice) => (
          <label key={choice.value} className="flex items-center gap-2 text-slate-700">
            <input
              type="radio"
              name="keepOldFor"
              value={choice.value}
              checked={value === choice.value}
              onChange={() => onChange(choice.value)}
            />
            {choice.label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
