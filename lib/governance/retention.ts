import { log } from "@/lib/log";
import { removeInBatches } from "@/lib/remove-in-batches";
import { deleteExpiredAccessRows } from "./queries";

/**
 * Deletes access-log rows older than each account's retention (90 days unless the operator set
 * another), 5,000 at a time so no statement holds many locks for long. Every instance runs it;
 * concurrent runs skip each other's locked rows, so two instances never delete twice or wait.
 * The server's periodic jobs run it daily (lib/server/app-server.ts).
 */
export async function purgeExpiredAccessLog(now = new Date()): Promise<number> {
  const total = await removeInBatches((batch) => deleteExpiredAccessRows(batch, now));
  if (total > 0) log.info({ deleted: total }, "access log: old rows deleted");
  return total;
}
