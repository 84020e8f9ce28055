/**
 * The enumeration alarm's documented thresholds (README "Profile Read governance"). A token is
 * marked "Suspicious activity" when, over its lookups of the last WINDOW_MS since its last
 * review (the newest WINDOW_CAP of them at most):
 *  - at least MIN_LOOKUPS lookups, and more than NOT_FOUND_SHARE of them found nobody: someone
 *    is guessing values (random emails) rather than reading known customers; or
 *  - more than MAX_DISTINCT_VALUES different values were looked up: a walk through the customer
 *    base, even with good guesses.
 * Requests per minute are already bounded by the token's rate limit; once suspicious, that
 * limit becomes SUSPICIOUS_RATE_LIMIT (or the token's own, if lower) on every instance.
 */
export const ALARM = {
  WINDOW_MS: 10 * 60_000,
  WINDOW_CAP: 5_000,
  MIN_LOOKUPS: 100,
  NOT_FOUND_SHARE: 0.5,
  MAX_DISTINCT_VALUES: 1_000,
  /**
   * A token is looked at after this many new rows (distinct reads) since its last look, or after
   * any not found. The rules can only trip on not-found answers or distinct values, and every
   * distinct value is a row of its own, so no trip waits on repeated reads.
   */
  CHECK_AFTER_ROWS: 100,
} as const;

export const SUSPICIOUS_RATE_LIMIT = 10;

/** The per-minute limit the API enforces for a token: its own, or the throttle while it is suspicious. */
export function effectiveRateLimit(token: { rateLimit: number; suspiciousAt: Date | null }): number {
  return token.suspiciousAt ? Math.min(token.rateLimit, SUSPICIOUS_RATE_LIMIT) : token.rateLimit;
}

export interface WindowStats {
  total: number;
  notFound: number;
  distinctValues: number;
}

/** The reason shown in the list, Details and History; null when the pattern is normal. */
export function enumerationReason(stats: WindowStats): string | null {
  if (stats.total >= ALARM.MIN_LOOKUPS && stats.notFound / stats.total > ALARM.NOT_FOUND_SHARE) {
    const share = Math.round((stats.notFound / stats.total) * 100);
    return `${share} % of ${stats.total} lookups in 10 minutes found no profile`;
  }
  if (stats.distinctValues > ALARM.MAX_DISTINCT_VALUES) return `${stats.distinctValues} different values looked up in 10 minutes`;
  return null;
}
