import { processSingleton } from "@/db/process-singleton";
import { countOn, sharedLimiter } from "@/lib/rate-limiter";

/**
 * "Was this customer read?" per user, at most this many a minute: each search tests one guess
 * against the account's log, so no one can run a list of emails through it.
 */
export const SEARCHES_PER_MINUTE = 20;

const limiter = () => processSingleton("accessLogSearches", () => sharedLimiter({ keyPrefix: "access-log-search", points: SEARCHES_PER_MINUTE, duration: 60 }));

/** Counts one search for the user; the form's message when the minute's budget is spent, else null. */
export async function chargeSearch(userId: string): Promise<string | null> {
  const res = await countOn(limiter(), userId);
  if (res.consumedPoints <= SEARCHES_PER_MINUTE) return null;
  const seconds = Math.max(1, Math.ceil(res.msBeforeNext / 1000));
  return `Too many searches: at most ${SEARCHES_PER_MINUTE} a minute. Try again in ${seconds} second${seconds === 1 ? "" : "s"}.`;
}
