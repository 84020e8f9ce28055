import { log } from "@/lib/log";
import { removeInBatches } from "@/lib/remove-in-batches";
import { deleteExpiredAuditRows } from "./queries";

/**
 * Deletes audit rows older than their account's retention (365 days unless the operator set
 * another), 5,000 at a time, each batch in a transaction that the append-only trigger lets
 * through (and still refuses anything younger). Every instance runs it
 * daily (lib/server/app-server.ts); concurrent runs skip each other's locked rows.
 */
export async function purgeExpiredAuditLog(): Promise<number> {
  const total = await removeInBatches((batch) => deleteExpiredAuditRows(batch));
  if (total > 0) log.info({ deleted: total }, "audit log: old rows deleted");
  return total;
}
