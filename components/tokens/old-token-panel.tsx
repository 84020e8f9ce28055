"use client";

import { ConfirmDialog } from "@/components/ui/dialog";
import { formatDateTime } from "@/lib/format";
import { stopOldToken } from "@/lib/tokens/actions";
import { tokenPreview } from "@/lib/tokens/labels";
import { useConfirmedAction } from "@/components/ui/use-confirmed-action";

interface Props {
  tokenId: string;
  displayPrefix: string;
  endsAt: Date;
  lastUsedAt: Date | null;
  lastUsedIp: string | null;
  /** Decided on the server against its clock: no use of the old secret in the last hour. */
  safeToStop: boolean;
  canStop: boolean;
}

/** While a reset's overlap runs: what still uses the old secret, and a way to end it early. */
export function OldTokenPanel({ tokenId, displayPrefix, endsAt, lastUsedAt, lastUsedIp, safeToStop, canStop }: Props) {
  const dialog = useConfirmedAction(() => stopOldToken(tokenId), () => {}, "The old token could not be stopped.");
  const lastUse = lastUsedAt ? `${formatDateTime(lastUsedAt)}${lastUsedIp ? ` from ${lastUsedIp}` : ""}` : "Never";
  return (
    <div className="space-y-3 text-sm">
      <p className="font-medium text-slate-900">Old token works until {formatDateTime(endsAt)}</p>
      <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-slate-700">
        <dt className="text-slate-500">Old token</dt>
        <dd className="font-mono">{tokenPreview(displayPrefix)}</dd>
        <dt className="text-slate-500">Old token last used</dt>
        <dd>{lastUse}</dd>
      </dl>
      {safeToStop ? <p className="text-emerald-800">Not used in the last hour: safe to stop</p> : null}
      {canStop ? (
        <ConfirmDialog actionLabel="Stop old token now" title="Stop the old token now?" {...dialog}>
          <p>
            Requests with the old token ({tokenPreview(displayPrefix)}) are refused from this moment, everywhere. The new
            token keeps working.
          </p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
