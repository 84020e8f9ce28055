import type { Tx } from "@/db";
import { clock } from "@/lib/clock";
import { describeError } from "@/lib/error-log";
import { log } from "@/lib/log";
import type { TokenChange } from "@/lib/changes/record-change";
import { carriesSecret, redactSecrets } from "@/lib/webhooks/outbox";
import type { NoticeData } from "./data";
import type { NoticeKind } from "./kinds";
import { enqueueNotice, noticesOn, noticeToken } from "./outbox";

/** The notice a change's rule names, or null when this change does not send one (a person's own pause). */
function noticeOf(kind: NoticeKind, change: TokenChange, at: Date): NoticeData | null {
  const token = noticeToken(change.target);
  const when = at.toISOString();
  switch (change.kind) {
    case "token.exposed": {
      const { found_at, reported_by, leaked_secret } = change.details;
      return { kind: "token.exposed", token, at: when, reportedBy: redactSecrets(reported_by), foundAt: found_at && !carriesSecret(found_at) ? found_at : null, leakedSecret: leaked_secret };
    }
    case "token.suspicious":
      return { kind: "token.suspicious", token, at: when, reason: redactSecrets(change.reason ?? "") };
    case "token.paused":
      // Only the token policy's pause for disuse: an admin who paused a token knows.
      return change.actor.kind === "system" && change.reason ? { kind: "token.paused", token, at: when, reason: change.reason } : null;
    default:
      log.error({ change: change.kind, notice: kind }, "no notice is written for this change");
      return null;
  }
}

/**
 * Queues the email notice of `change` for the account's admins, in the change's transaction,
 * in a savepoint of its own: a notice that cannot be queued is logged and the change commits
 * (a revocation never waits on a mail).
 */
export async function enqueueChangeNotice(tx: Tx, kind: NoticeKind, change: TokenChange): Promise<void> {
  if (!noticesOn()) return;
  const at = change.at ?? new Date(clock.now());
  const data = noticeOf(kind, change, at);
  if (!data) return;
  try {
    await tx.transaction((savepoint) => enqueueNotice(savepoint, { accountId: change.target.accountId, data, at }));
  } catch (error) {
    log.error({ tokenId: change.target.id, notice: kind, error: describeError(error) }, "email notice not queued; the change itself commits");
  }
}
