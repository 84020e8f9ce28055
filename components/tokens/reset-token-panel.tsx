"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { ConfirmDialog } from "@/components/ui/dialog";
import { resetToken } from "@/lib/tokens/actions";
import { tokenPreview } from "@/lib/tokens/labels";
import type { TokenType } from "@/lib/tokens/secret";
import { SecretReveal } from "./secret-reveal";

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
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string>();
  const [secret, setSecret] = useState<string | null>(null);

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

  const confirm = () =>
    startTransition(async () => {
      setError(undefined);
      const result = await resetToken(tokenId);
      if (!result.ok) return setError(result.formError ?? "The token could not be reset.");
      setOpen(false);
      setSecret(result.data.token);
      router.refresh();
    });

  return (
    <div>
      <p className="text-sm font-medium text-slate-800">API token</p>
      <div className="mt-1.5 rounded-md border border-dashed border-slate-300 bg-slate-50 px-4 py-3">
        <p className="font-mono text-sm text-slate-500">{tokenPreview(displayPrefix)}</p>
        <p className="mt-1 text-sm text-slate-700">{HIDDEN_KEY_TEXT}</p>
      </div>
      {canReset ? (
        <div className="mt-3">
          <ConfirmDialog
            actionLabel="Reset API Token"
            title="Reset this API token?"
            open={open}
            onOpenChange={(next) => {
              setOpen(next);
              setError(undefined);
            }}
            onConfirm={confirm}
            pending={pending}
            error={error}
          >
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
