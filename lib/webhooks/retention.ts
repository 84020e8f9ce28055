import { log } from "@/lib/log";
import { removeInBatches } from "@/lib/remove-in-batches";
import { deleteFinishedDeliveries } from "./delivery-queries";
import { deleteMarksBefore } from "./marks";

const DAY_MS = 86_400_000;

/**
 * Delivered and failed deliveries stay in the endpoint's log (and can be resent) for 30 days
 * after their last attempt: a month to look back when a receiver asks what it missed. Pending
 * ones are never deleted (their retries end 24 hours after the event or the resend anyway).
 */
export const DELIVERY_RETENTION_MS = 30 * DAY_MS;

/**
 * A mark only has to outlive the window in which its event could fire again: a rate-limit mark
 * its clock hour, an expiry mark the sweep's window for that notice, which ends at most 7 days
 * after the mark was written (`token.expired` looks back 7 days). 8 days keeps a day's margin.
 */
export const MARK_RETENTION_MS = 8 * DAY_MS;

/**
 * Deletes old webhook rows, 5,000 at a time so no statement holds many locks for long. Every
 * instance runs it daily (lib/server/app-server.ts); concurrent runs skip each other's rows.
 */
export async function purgeOldWebhookRows(now = new Date()): Promise<{ deliveries: number; marks: number }> {
  const deleted = {
    deliveries: await removeInBatches((batch) => deleteFinishedDeliveries(batch, new Date(now.getTime() - DELIVERY_RETENTION_MS))),
    marks: await removeInBatches((batch) => deleteMarksBefore(batch, new Date(now.getTime() - MARK_RETENTION_MS))),
  };
  if (deleted.deliveries + deleted.marks > 0) log.info(deleted, "webhooks: old deliveries and marks deleted");
  return deleted;
}
