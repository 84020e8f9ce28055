import { accessLog } from "./access-log";
import { refusedIps } from "./refused-ips";
import { retention } from "./retention";

/** The governance writers and the daily retention job, started and stopped beside usage counts. */
export function startGovernance() {
  accessLog.start();
  refusedIps.start();
  retention.start();
}

/** Writes what is pending (on shutdown). */
export async function stopGovernance() {
  retention.stop();
  await Promise.all([accessLog.stop(), refusedIps.stop()]);
}
