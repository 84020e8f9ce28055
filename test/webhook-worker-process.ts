/**
 * A process that runs only the webhook worker (for one account when WORKER_ACCOUNT_ID is set):
 * the restart test kills one and starts another, as a deploy or a crash would.
 */
import { WebhookWorker } from "@/lib/webhooks/worker";

const worker = new WebhookWorker({ accountId: process.env.WORKER_ACCOUNT_ID || undefined });
worker.start();
// Keeps the process alive: the worker's own timer is unref'd.
setInterval(() => {}, 60_000);
console.info("webhook worker running");
