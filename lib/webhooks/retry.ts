// Retry schedule (the Standard Webhooks / Svix one): after a failed attempt N the next waits
// RETRY_DELAYS_MS[N-1] (the last value repeats): 5 s, 5 min, 30 min, 2 h, 5 h, 10 h. Nothing
// is retried after RETRY_WINDOW_MS: one last attempt lands exactly at the 24-hour mark, then
// the delivery is "failed". An endpoint whose deliveries all failed for 24 hours is disabled.

export const RETRY_DELAYS_MS = [5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000] as const;
export const RETRY_WINDOW_MS = 24 * 3_600_000;
export const AUTO_DISABLE_AFTER_MS = 24 * 3_600_000;

/** When to try again after `attempts` failed attempts, or null: give up. */
export function nextAttemptAt(attempts: number, now: Date, giveUpAt: Date): Date | null {
  const delay = RETRY_DELAYS_MS[Math.min(Math.max(attempts, 1), RETRY_DELAYS_MS.length) - 1]!;
  if (now.getTime() >= giveUpAt.getTime()) return null;
  return new Date(Math.min(now.getTime() + delay, giveUpAt.getTime()));
}

export const autoDisabledReason = (lastError: string) =>
  `Disabled automatically: every delivery failed for 24 hours (last: ${lastError}).`;
