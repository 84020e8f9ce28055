/**
 * A process that runs only the webhook delivery job, as the server's periodic jobs run it (for one
 * account when WORKER_ACCOUNT_ID is set): the restart test kills one and starts another, as a
 * deploy or a crash would. SIGTERM stops it the way the server's shutdown does and prints
 * "webhook worker stopped" once the sends in flight are recorded.
 */
import { closeDb } from "@/db";
import { JobRunner } from "@/lib/server/jobs";
import { DELIVERY_POLL_MS, sendDueDeliveries } from "@/lib/webhooks/worker";

const accountId = process.env.WORKER_ACCOUNT_ID || undefined;
const jobs = new JobRunner();
jobs.start([{ name: "webhook deliveries", everyMs: DELIVERY_POLL_MS, firstRunMs: 0, run: (stopping) => sendDueDeliveries({ accountId, stopping }) }]);
// Keeps the process alive: the runner's timers are unref'd.
const alive = setInterval(() => {}, 60_000);
// `on`, not `once`: the group's signal can arrive twice (from the group kill and relayed by tsx).
let stopping = false;
process.on("SIGTERM", () => {
  if (stopping) return;
  stopping = true;
  void jobs
    .stop()
    .then(() => closeDb())
    .then(() => {
      console.info("webhook worker stopped");
      clearInterval(alive);
    });
});
console.info("webhook worker running");
