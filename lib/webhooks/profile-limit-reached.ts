import { OncePerPeriodNotices } from "./once-per-period";
import { enqueueTokenEvent } from "./outbox";

const DAY_MS = 86_400_000;

/**
 * `token.profile_limit_reached`, at most once per token per UTC day (once-per-period.ts says
 * how): the first lookup the daily profile limit refused that day.
 */
export class ProfileLimitNotices extends OncePerPeriodNotices {
  constructor() {
    super({
      type: "token.profile_limit_reached",
      periodMs: DAY_MS,
      queue: (tx, accountId, token, day) =>
        enqueueTokenEvent(tx, {
          accountId,
          type: "token.profile_limit_reached",
          token,
          actor: null,
          extra: { daily_profile_limit: token.dailyProfileLimit ?? 0, resets_at: new Date((day + 1) * DAY_MS).toISOString() },
        }),
    });
  }
}

export const profileLimitNotices = new ProfileLimitNotices();
