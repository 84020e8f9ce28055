"use client";

import { useState } from "react";
import { ConfirmDialog } from "@/components/ui/dialog";
import { resetToken } from "@/lib/tokens/actions";
import { tokenPreview } from "@/lib/tokens/labels";
import type { TokenType } from "@/lib/tokens/types";
import { SecretReveal } from "./secret-reveal";
import { useConfirmedAction } from "./use-confirmed-action";

export const HIDDEN_KEY_TEXT = "API Tokens can only be viewed when they are first created";

/** Where the key was: the notice, and directly beneath it "Reset API Token". */
interface Props {
  tokenId: string;
  displayPrefix: string;
  canReset: boolean;
  type: TokenType;
  linkingAttribute: string | null;
}

export function ResetTokenPanel({ tokenId, displayPrefix, canReset, type, linkingAttribute }: Props) {
  const [secret, setSecret] = useState<string | null>(null);
  const dialog = useConfirmedAction(() => resetToken(tokenId), (data) => setSecret(data.token), "The token could not be reset.");

  if (secret) {
    return (
      <SecretReveal
        token={secret}
        type={type}
        linkingAttribute={linkingAttribute}
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
          <ConfirmDialog actionLabel="Reset API Token" title="Reset this API token?" {...dialog}>
            <p>A new secret replaces the current one at once.</p>
            <p>
              <strong>Anything using the old token will stop working and will need the new token.</strong> The new
              token is shown once, right after the reset.
            </p>
          </ConfirmDialog>
        </div>
      ) : null}
    </div>
  );
}
