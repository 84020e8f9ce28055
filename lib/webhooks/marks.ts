import { webhookEventMarks } from "@/db/schema";
import type { Tx } from "@/db";

/** Claims an event key inside `tx`: true for the first caller only, on any instance. */
export async function claimMark(tx: Tx, key: string, at: Date): Promise<boolean> {
  const rows = await tx.insert(webhookEventMarks).values({ key, createdAt: at }).onConflictDoNothing().returning({ key: webhookEventMarks.key });
  return rows.length > 0;
}
