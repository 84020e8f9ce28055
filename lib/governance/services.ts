import { accessLog } from "./access-log";
import { refusedIps } from "./refused-ips";

/** The governance writers, started and stopped beside usage counts (retention is a periodic job: lib/server/app-server.ts). */
export function startGovernance() {
  accessLog.start();
  refusedIps.start();
}

/** Writes what is pending (on shutdown). */
export async function stopGovernance() {
  await Promise.all([accessLog.stop(), refusedIps.stop()]);
}
