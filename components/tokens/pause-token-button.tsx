"use client";

import { ConfirmDialog } from "@/components/ui/dialog";
import { useConfirmedAction } from "@/components/ui/use-confirmed-action";
import { pauseToken, resumeToken } from "@/lib/tokens/actions";

/** "Pause API Token" on an active token, "Resume API Token" on a paused one (admins). */
export function PauseTokenButton({ tokenId, description, paused }: { tokenId: string; description: string; paused: boolean }) {
  const dialog = useConfirmedAction(
    () => (paused ? resumeToken(tokenId) : pauseToken(tokenId)),
    () => {},
    paused ? "The token could not be resumed." : "The token could not be paused.",
  );
  if (paused) {
    return (
      <ConfirmDialog actionLabel="Resume API Token" title="Resume this API token?" variant="primary" {...dialog}>
        <p>“{description}” works again at once, everywhere, with the same secret and settings.</p>
      </ConfirmDialog>
    );
  }
  return (
    <ConfirmDialog actionLabel="Pause API Token" title="Pause this API token?" {...dialog}>
      <p>
        Requests with “{description}” are refused from that moment on, everywhere, until you resume it. It keeps its secret
        and settings, and still counts towards your account&apos;s limit of active tokens.
      </p>
    </ConfirmDialog>
  );
}
