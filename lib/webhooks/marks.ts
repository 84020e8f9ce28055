import { inArray, lt } from "drizzle-orm";
import { getDb, type Tx } from "@/db";
import { webhookEventMarks } from "@/db/tables";

/** Claims an event key inside `tx`: true for the first caller only, on any instance. */
export async function claimMark(tx: Tx, key: string, at: Date): Promise<boolean> {
  const rows = await tx.insert(webhookEventMarks).values({ key, createdAt: at }).onConflictDoNothing().returning({ key: webhookEventMarks.key });
  return rows.length > 0;
}

/** Retention: deletes up to `batch` marks written before `cutoff` (lib/webhooks/retention.ts says why that is safe). */
export async function deleteMarksBefore(batch: number, cutoff: Date): Promise<number> {
  const db = getDb();
  const old = db.select({ key: webhookEventMarks.key }).from(webhookEventMarks).where(lt(webhookEventMarks.createdAt, cutoff)).limit(batch).for("update", { skipLocked: true });
  const deleted = await db.delete(webhookEventMarks).where(inArray(webhookEventMarks.key, old)).returning({ key: webhookEventMarks.key });
  return deleted.length;
}
