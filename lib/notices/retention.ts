import { and, inArray, lt, ne } from "drizzle-orm";
import { getDb } from "@/db";
import { mailOutbox, noticeExpiryTold } from "@/db/tables";
import { log } from "@/lib/log";
import { removeInBatches } from "@/lib/remove-in-batches";

const DAY_MS = 86_400_000;

/** Sent, failed and cancelled notices are kept 30 days (what was mailed, for an admin who asks); pending ones give up within a day. */
export const NOTICE_RETENTION_MS = 30 * DAY_MS;

/**
 * Deletes old notice rows, a batch at a time, daily on every instance (rows another run holds
 * are skipped). A digest's "told" row goes a day after its token expired: that expiry cannot be
 * told again. The outbox keeps the old-token keys for 30 days, far past their hour.
 */
export async function purgeOldNotices(now = new Date()): Promise<{ mails: number; told: number }> {
  const db = getDb();
  const mails = await removeInBatches(async (batch) => {
    const old = db
      .select({ id: mailOutbox.id })
      .from(mailOutbox)
      .where(and(ne(mailOutbox.status, "pending"), lt(mailOutbox.createdAt, new Date(now.getTime() - NOTICE_RETENTION_MS))))
      .limit(batch)
      .for("update", { skipLocked: true });
    return (await db.delete(mailOutbox).where(inArray(mailOutbox.id, old)).returning({ id: mailOutbox.id })).length;
  });
  const told = await removeInBatches(async (batch) => {
    const old = db
      .select({ tokenId: noticeExpiryTold.tokenId })
      .from(noticeExpiryTold)
      .where(lt(noticeExpiryTold.expiresAt, new Date(now.getTime() - DAY_MS)))
      .limit(batch);
    return (await db.delete(noticeExpiryTold).where(and(inArray(noticeExpiryTold.tokenId, old), lt(noticeExpiryTold.expiresAt, new Date(now.getTime() - DAY_MS)))).returning({ tokenId: noticeExpiryTold.tokenId })).length;
  });
  if (mails + told > 0) log.info({ mails, told }, "notices: old rows deleted");
  return { mails, told };
}
