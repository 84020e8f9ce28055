import { log } from "@/lib/log";
import { removeInBatches } from "@/lib/remove-in-batches";
import { deleteExpiredAccessRows, deleteOldRefusedIps } from "./queries";

/** Refused-IP counts are evidence for a whitelist decision (Usage shows 14 days): kept 30 days. */
export const REFUSED_IP_RETENTION_DAYS = 30;

/**
 * Deletes access-log rows older than each account's retention (90 days unless the operator set
 * another) and refused-IP counts older than REFUSED_IP_RETENTION_DAYS, 5,000 at a time so no
 * statement holds many locks for long. Every instance runs it; concurrent runs skip each other's
 * locked rows, so two instances never delete twice or wait. The server's periodic jobs run it
 * daily (lib/server/app-server.ts). Returns how many access-log rows it deleted.
 */
export async function purgeExpiredAccessLog(now = new Date()): Promise<number> {
  const total = await removeInBatches((batch) => deleteExpiredAccessRows(batch, now));
  const firstKeptDay = new Date(now.getTime() - REFUSED_IP_RETENTION_DAYS * 86_400_000).toISOString().slice(0, 10);
  const refused = await removeInBatches((batch) => deleteOldRefusedIps(batch, firstKeptDay));
  if (total + refused > 0) log.info({ deleted: total, refusedIps: refused }, "access log: old rows deleted");
  return total;
}
