import { and, eq, isNull, not, sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { mailOutbox, users } from "@/db/tables";
import { mailer } from "@/lib/mail/mailer";
import { redactSecrets } from "@/lib/webhooks/outbox";
import type { NoticeData, NoticeToken } from "./data";

// Email notices are queued here in the transaction of what causes them (a change through
// recordChange, or a sweep's own transaction), one row per admin, and sent by ./worker.ts. The
// custom server process reaches this (leak reports, the alarm, the sweeps): no "server-only".

/** A notice not sent within a day is dropped: by then the console says it better. */
export const NOTICE_GIVE_UP_MS = 24 * 3_600_000;

/** Whether notices go anywhere (SMTP_URL, or development's .data/mail/): otherwise none is queued. */
export const noticesOn = () => mailer().delivers;

/** The account's admins who get `kind`: live (not removed) and not opted out of it in My account. */
export function noticeRecipients(tx: Tx, accountId: string, kind: NoticeData["kind"]) {
  return tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.accountId, accountId), eq(users.role, "admin"), isNull(users.removedAt), not(sql`${kind} = any(${users.noticeOptOuts})`)));
}

/** The token as a notice names it: a description someone typed that looks like a secret is redacted. */
export const noticeToken = (token: NoticeToken): NoticeToken => ({ id: token.id, description: redactSecrets(token.description), type: token.type });

/**
 * Queues `data` for every admin of the account who gets its kind, or for `userIds` when given.
 * With `dedupeKey`, an admin already queued under that key is skipped (two instances finding the
 * same thing). Returns how many rows were queued.
 */
export async function enqueueNotice(tx: Tx, input: { accountId: string; data: NoticeData; at: Date; dedupeKey?: string; userIds?: string[] }): Promise<number> {
  if (!noticesOn()) return 0;
  const userIds = input.userIds ?? (await noticeRecipients(tx, input.accountId, input.data.kind)).map((r) => r.id);
  if (userIds.length === 0) return 0;
  const rows = userIds.map((userId) => ({
    accountId: input.accountId,
    userId,
    kind: input.data.kind,
    data: input.data as unknown as Record<string, unknown>,
    dedupeKey: input.dedupeKey ?? null,
    nextAttemptAt: input.at,
    createdAt: input.at,
    giveUpAt: new Date(input.at.getTime() + NOTICE_GIVE_UP_MS),
  }));
  const queued = await tx.insert(mailOutbox).values(rows).onConflictDoNothing().returning({ id: mailOutbox.id });
  return queued.length;
}
