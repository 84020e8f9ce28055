"use client";

import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";
import { useAction } from "@/components/ui/use-action";
import { formatDateTime } from "@/lib/format";
import { reviewSuspiciousToken } from "@/lib/governance/actions";
import { SUSPICIOUS_RATE_LIMIT } from "@/lib/governance/thresholds";

interface Props {
  tokenId: string;
  since: Date;
  reason: string | null;
  canReview: boolean;
}

/** Details: why the token is marked, what that does, and for admins "Mark as reviewed". */
export function SuspiciousPanel({ tokenId, since, reason, canReview }: Props) {
  const { pending, message, run } = useAction();
  const review = () => run(() => reviewSuspiciousToken(tokenId), undefined, "The token could not be marked as reviewed.");
  return (
    <div className="space-y-3">
      <h2 id="suspicious-heading" className="text-base font-semibold text-red-800">
        Suspicious activity
      </h2>
      <p className="text-sm text-slate-700">
        Since {formatDateTime(since)}: {reason ?? "an enumeration pattern"}. The token is limited to {SUSPICIOUS_RATE_LIMIT} requests per minute
        until an admin reviews its Access log.
      </p>
      <FormAlert message={message?.text} />
      {canReview ? (
        <Button variant="secondary" onClick={review} disabled={pending}>
          Mark as reviewed
        </Button>
      ) : null}
    </div>
  );
}
