import { processSingleton } from "@/db/process-singleton";
import { countOn, sharedLimiter } from "@/lib/rate-limiter";

/**
 * Customer data access per user and minute, lookups and exports together: each tests one guess
 * against the account's log, so no one can run a list of emails through it (as "Find a token").
 */
export const LOOKUPS_PER_MINUTE = 20;

const limiter = () => processSingleton("customerAccessLookups", () => sharedLimiter({ keyPrefix: "customer-access", points: LOOKUPS_PER_MINUTE, duration: 60 }));

/** Counts one lookup for the user; the message when the minute's budget is spent, else null. */
export async function chargeLookup(userId: string): Promise<string | null> {
  const res = await countOn(limiter(), userId);
  if (res.consumedPoints <= LOOKUPS_PER_MINUTE) return null;
  const seconds = Math.max(1, Math.ceil(res.msBeforeNext / 1000));
  return `Too many lookups: at most ${LOOKUPS_PER_MINUTE} a minute. Try again in ${seconds} second${seconds === 1 ? "" : "s"}.`;
}
