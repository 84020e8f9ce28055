import { OncePerPeriodNotices } from "./once-per-period";
import { enqueueTokenEvent } from "./outbox";

const HOUR_MS = 3_600_000;

/** `token.rate_limited`, at most once per token per clock hour (once-per-period.ts says how). */
export class RateLimitedNotices extends OncePerPeriodNotices {
  constructor() {
    super({
      type: "token.rate_limited",
      periodMs: HOUR_MS,
      queue: (tx, accountId, token) =>
        enqueueTokenEvent(tx, { accountId, type: "token.rate_limited", token, actor: null, extra: { rate_limit_per_minute: token.rateLimit } }),
    });
  }
}

export const rateLimitedNotices = new RateLimitedNotices();
