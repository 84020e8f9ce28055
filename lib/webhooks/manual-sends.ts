import { processSingleton } from "@/db/process-singleton";
import { countOn, sharedLimiter } from "@/lib/rate-limiter";

/**
 * "Send test event" and "Resend" queue deliveries by hand: per endpoint, at most this many a
 * minute between them, so no admin can pile up a backlog (each one is retried for 24 hours).
 */
export const MANUAL_SENDS_PER_MINUTE = 10;

const limiter = () => processSingleton("webhookManualSends", () => sharedLimiter({ keyPrefix: "webhook-manual", points: MANUAL_SENDS_PER_MINUTE, duration: 60 }));

/** Counts one manual send for the endpoint; the form's message when the minute's budget is spent, else null. */
export async function chargeManualSend(endpointId: string): Promise<string | null> {
  const res = await countOn(limiter(), endpointId);
  if (res.consumedPoints <= MANUAL_SENDS_PER_MINUTE) return null;
  const seconds = Math.max(1, Math.ceil(res.msBeforeNext / 1000));
  return `Too many test events and resends for this endpoint. Try again in ${seconds} second${seconds === 1 ? "" : "s"}.`;
}
