import { and, eq, inArray, isNull, lte, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb } from "@/db";
import { accounts, mailOutbox, users } from "@/db/tables";
import type { NoticeData } from "./data";

// What the notice worker runs: claim due mails, read their recipients, record how a send went.

export interface ClaimedNotice {
  id: number;
  userId: string;
  accountId: string;
  data: NoticeData;
  attempts: number;
  giveUpAt: Date;
}

// The claim's lock step: its own name, so the statement can update the same table it reads.
const due = alias(mailOutbox, "due");

// Ids are uuids from the caller (tests confining a run to their accounts): a typed array parameter.
const uuidList = (ids: readonly string[]) => sql`${`{${ids.join(",")}}`}::uuid[]`;

/**
 * Claims up to `limit` due mails, oldest first, for `leaseMs`. `FOR UPDATE SKIP LOCKED` lets
 * workers on other instances pass over rows another is claiming; the lease (`locked_until`)
 * then keeps everyone off while it sends, and `attempts` names this claim: only its own record
 * is written. A crashed worker's rows come back when the lease passes.
 */
export async function claimDueNotices(now: Date, limit: number, leaseMs: number, accountIds?: readonly string[]): Promise<ClaimedNotice[]> {
  const picked = getDb()
    .select({ id: due.id })
    .from(due)
    .where(
      and(
        eq(due.status, "pending"),
        lte(due.nextAttemptAt, now),
        or(isNull(due.lockedUntil), lte(due.lockedUntil, now)),
        accountIds ? sql`${due.accountId} = any(${uuidList(accountIds)})` : undefined,
      ),
    )
    .orderBy(due.nextAttemptAt, due.id)
    .limit(limit)
    .for("update", { skipLocked: true })
    .as("picked");
  const claimed = await getDb()
    .update(mailOutbox)
    .set({ lockedUntil: new Date(now.getTime() + leaseMs), attempts: sql`${mailOutbox.attempts} + 1` })
    .where(eq(mailOutbox.id, picked.id))
    .from(picked)
    .returning({ id: mailOutbox.id, userId: mailOutbox.userId, accountId: mailOutbox.accountId, data: mailOutbox.data, attempts: mailOutbox.attempts, giveUpAt: mailOutbox.giveUpAt });
  return claimed.map((row) => ({ ...row, data: row.data as unknown as NoticeData })).sort((a, b) => a.id - b.id);
}

/** The recipients as they stand now: a removed user, a marketer or an admin who opted out since gets nothing. */
export async function currentRecipients(userIds: string[]) {
  if (userIds.length === 0) return new Map<string, { email: string; name: string; accountName: string; gets: (kind: string) => boolean }>();
  const rows = await getDb()
    .select({ id: users.id, email: users.email, name: users.name, role: users.role, removedAt: users.removedAt, optOuts: users.noticeOptOuts, accountName: accounts.name })
    .from(users)
    .innerJoin(accounts, eq(accounts.id, users.accountId))
    .where(inArray(users.id, userIds));
  return new Map(
    rows.map((r) => [r.id, { email: r.email, name: r.name, accountName: r.accountName, gets: (kind: string) => r.role === "admin" && !r.removedAt && !r.optOuts.includes(kind) }]),
  );
}

/** How a claimed mail ended this attempt; written only by the claim that made it. */
export type NoticeOutcome = { status: "sent" } | { status: "cancelled" } | { status: "retry"; at: Date; error: string } | { status: "failed"; error: string };

export async function recordNoticeAttempt(notice: ClaimedNotice, outcome: NoticeOutcome, now: Date): Promise<void> {
  const mine = and(eq(mailOutbox.id, notice.id), eq(mailOutbox.attempts, notice.attempts), eq(mailOutbox.status, "pending"));
  const set =
    outcome.status === "sent"
      ? { status: "sent" as const, sentAt: now, lastError: null }
      : outcome.status === "retry"
        ? { nextAttemptAt: outcome.at, lastError: outcome.error }
        : outcome.status === "failed"
          ? { status: "failed" as const, lastError: outcome.error }
          : { status: "cancelled" as const };
  await getDb()
    .update(mailOutbox)
    .set({ ...set, lockedUntil: null })
    .where(mine);
}
