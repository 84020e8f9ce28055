/**
 * The enumeration alarm's documented thresholds (README "Profile Read governance"). Each rule
 * counts different values, never reads, so repeating a known customer dilutes nothing. A token is
 * marked "Suspicious activity" when, over its lookups since its last review:
 *  - in the last WINDOW_MS (its newest WINDOW_CAP rows at most), at least MIN_VALUES different
 *    values were looked up and more than NOT_FOUND_SHARE of them found nobody: someone is
 *    guessing values (random emails) rather than reading known customers; or
 *  - in the same window, more than MAX_DISTINCT_VALUES different values: a walk through the
 *    customer base, even with good guesses; or
 *  - more than MAX_NOT_FOUND_VALUES_HOUR different values found nobody in the last hour, or more
 *    than MAX_NOT_FOUND_VALUES_DAY in the last day: guessing kept just under the 10-minute rules.
 * Requests per minute are already bounded by the token's rate limit; once suspicious, that
 * limit becomes SUSPICIOUS_RATE_LIMIT (or the token's own, if lower) on every instance.
 */
export const ALARM = {
  WINDOW_MS: 10 * 60_000,
  WINDOW_CAP: 5_000,
  MIN_VALUES: 100,
  NOT_FOUND_SHARE: 0.5,
  MAX_DISTINCT_VALUES: 1_000,
  MAX_NOT_FOUND_VALUES_HOUR: 300,
  MAX_NOT_FOUND_VALUES_DAY: 2_000,
  /** The day's count reads the token's newest not-found rows of the day, at most this many. */
  NOT_FOUND_CAP: 50_000,
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
  /** Different values looked up in the 10-minute window, and how many of them found nobody. */
  distinctValues: number;
  distinctNotFound: number;
  /** Different values that found nobody in the last hour and the last day. */
  notFoundValuesHour: number;
  notFoundValuesDay: number;
}

/** The reason shown in the list, Details and History; null when the pattern is normal. */
export function enumerationReason(stats: WindowStats): string | null {
  if (stats.distinctValues >= ALARM.MIN_VALUES && stats.distinctNotFound / stats.distinctValues > ALARM.NOT_FOUND_SHARE) {
    const share = Math.round((stats.distinctNotFound / stats.distinctValues) * 100);
    return `${share} % of ${stats.distinctValues} different values looked up in 10 minutes found no profile`;
  }
  if (stats.distinctValues > ALARM.MAX_DISTINCT_VALUES) return `${stats.distinctValues} different values looked up in 10 minutes`;
  if (stats.notFoundValuesHour > ALARM.MAX_NOT_FOUND_VALUES_HOUR) return `${stats.notFoundValuesHour} different values found no profile in an hour`;
  if (stats.notFoundValuesDay > ALARM.MAX_NOT_FOUND_VALUES_DAY) return `${stats.notFoundValuesDay} different values found no profile in a day`;
  return null;
}
