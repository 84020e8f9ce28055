import { processSingleton } from "@/db/process-singleton";
import { describeError } from "@/lib/api/error-log";
import { log } from "@/lib/log";
import { deleteExpiredAccessRows } from "./queries";

const DAY_MS = 86_400_000;
/** The first run waits for start-up to settle; then once a day. */
const FIRST_RUN_MS = 60_000;
const BATCH = 5_000;

/**
 * Deletes access-log rows older than each account's retention (90 days unless the operator set
 * another), 5,000 at a time so no statement holds many locks for long. Every instance runs it;
 * concurrent runs skip each other's locked rows, so two instances never delete twice or wait.
 */
export async function purgeExpiredAccessLog(now = new Date()): Promise<number> {
  let total = 0;
  for (;;) {
    const deleted = await deleteExpiredAccessRows(BATCH, now);
    total += deleted;
    if (deleted < BATCH) return total;
  }
}

export class RetentionJob {
  private timer: NodeJS.Timeout | null = null;

  start() {
    if (this.timer) return;
    const run = () => {
      void purgeExpiredAccessLog()
        .then((deleted) => deleted > 0 && log.info({ deleted }, "access log: old rows deleted"))
        .catch((error: unknown) => log.warn({ error: describeError(error) }, "access log retention failed"))
        .finally(() => {
          if (this.timer) this.timer = setTimeout(run, DAY_MS).unref();
        });
    };
    this.timer = setTimeout(run, FIRST_RUN_MS).unref();
  }

  stop() {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}

export const retention = processSingleton("accessLogRetention", () => new RetentionJob());
