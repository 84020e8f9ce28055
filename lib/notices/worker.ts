import { clock } from "@/lib/clock";
import { log } from "@/lib/log";
import { mailer as processMailer, SMTP_SEND_TIMEOUT_MS, type Mailer } from "@/lib/mail/mailer";
import { publicOrigin } from "@/lib/mail/public-origin";
import { noticeMail } from "./messages";
import { claimDueNotices, currentRecipients, recordNoticeAttempt, type ClaimedNotice, type NoticeOutcome } from "./queries";

/** How often each instance looks for due notices (a periodic job: lib/server/app-server.ts). */
export const NOTICE_POLL_MS = 5_000;

/** Mails claimed, and sent at once, per round. */
const BATCH = 5;

/** A claim outlasts its sends (which run at once) with a wide margin: a mail is never sent twice at once. */
const LEASE_MS = 2 * SMTP_SEND_TIMEOUT_MS;

/** After failed attempt N the next waits NOTICE_RETRY_DELAYS_MS[N-1] (the last repeats), until the row's give-up time. */
export const NOTICE_RETRY_DELAYS_MS = [30_000, 120_000, 600_000, 1_800_000, 3_600_000] as const;

function retryOutcome(notice: ClaimedNotice, error: string, now: Date): NoticeOutcome {
  const delay = NOTICE_RETRY_DELAYS_MS[Math.min(notice.attempts, NOTICE_RETRY_DELAYS_MS.length) - 1]!;
  const at = now.getTime() + delay;
  return at > notice.giveUpAt.getTime() ? { status: "failed", error } : { status: "retry", at: new Date(at), error };
}

/** What an SMTP failure was, without its text (a server's reply may quote the address). */
function smtpError(error: unknown): string {
  const e = error as { code?: unknown; responseCode?: unknown; name?: unknown };
  const code = typeof e.code === "string" ? e.code : typeof e.name === "string" ? e.name : "Error";
  return typeof e.responseCode === "number" ? `${code} ${e.responseCode}` : code;
}

interface Options {
  /** The process's mailer unless given (tests pass one for their SMTP server). */
  mailer?: Mailer;
  /** Confines the run to these accounts' mails (tests that share a database). */
  accountId?: string | readonly string[];
  stopping?: AbortSignal;
}

/**
 * Sends what the mail outbox holds until none is due; any number of instances may run it at
 * once (claims skip each other's rows). Returns how many mails were sent.
 */
export async function sendDueNotices(options: Options = {}): Promise<number> {
  const mailer = options.mailer ?? processMailer();
  if (!mailer.delivers) return 0;
  const accountIds = options.accountId === undefined ? undefined : [options.accountId].flat();
  let sent = 0;
  while (!options.stopping?.aborted) {
    const batch = await claimDueNotices(new Date(clock.now()), BATCH, LEASE_MS, accountIds);
    if (batch.length === 0) break;
    const recipients = await currentRecipients([...new Set(batch.map((n) => n.userId))]);
    const outcomes = await Promise.all(
      batch.map(async (notice) => {
        const recipient = recipients.get(notice.userId);
        if (!recipient?.gets(notice.data.kind)) return { status: "cancelled" } as const;
        const mail = noticeMail(notice.data, recipient, { origin: publicOrigin(), now: clock.now(), id: notice.id });
        try {
          await mailer.send(mail);
          return { status: "sent" } as const;
        } catch (error) {
          return retryOutcome(notice, smtpError(error), new Date(clock.now()));
        }
      }),
    );
    for (const [i, notice] of batch.entries()) {
      const outcome = outcomes[i]!;
      await recordNoticeAttempt(notice, outcome, new Date(clock.now()));
      if (outcome.status === "sent") sent++;
      // Which mail and how it went; never the address or the content.
      log.info({ notice: notice.id, kind: notice.data.kind, attempt: notice.attempts, outcome: outcome.status }, "email notice");
    }
  }
  return sent;
}
