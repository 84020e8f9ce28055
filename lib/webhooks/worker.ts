import { Webhook } from "standardwebhooks";
import { clock } from "@/lib/clock";
import { describeError } from "@/lib/api/error-log";
import { log } from "@/lib/log";
import { claimDueDeliveries, recordAttempt, type ClaimedDelivery } from "./delivery-queries";
import { decryptSecret } from "./secret";
import { postWebhook, type SendResult } from "./send";

const POLL_EVERY_MS = 1_000;

/** Signs with the `standardwebhooks` library and sends; the body is sent exactly as signed. */
export async function sendDelivery(delivery: ClaimedDelivery, post = postWebhook): Promise<SendResult> {
  const body = JSON.stringify(delivery.payload);
  // The signature's timestamp is the wall clock: receivers compare it with theirs (5 min tolerance).
  const sentAt = new Date();
  const signature = new Webhook(decryptSecret(delivery.secretCiphertext)).sign(delivery.messageId, sentAt, body);
  return post(delivery.url, body, {
    "webhook-id": delivery.messageId,
    "webhook-timestamp": String(Math.floor(sentAt.getTime() / 1000)),
    "webhook-signature": signature,
  });
}

/** A delivery that cannot be signed (its secret no longer decrypts) fails alone, never the whole run. */
function unsignable(): SendResult {
  return { ok: false, status: null, latencyMs: 0, error: "Could not sign: the signing secret is unreadable (was WEBHOOK_SECRET_KEY or AUTH_SECRET changed?)", bytesRead: 0 };
}

/**
 * Sends what the outbox holds: every second it claims due deliveries and sends them (the
 * `token.expiring` / `token.expired` sweep that fills it is a periodic job of the server process).
 * Any number of instances may run one.
 */
export class WebhookWorker {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  /** `accountId` confines the worker to one account's deliveries (tests that share a database). */
  constructor(private readonly scope: { accountId?: string } = {}) {}

  start() {
    this.timer ??= setInterval(() => void this.tick(), POLL_EVERY_MS);
    this.timer.unref();
  }

  /** Stops polling and waits for the sends in flight (each ends within 10 s). */
  async stop() {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  private tick() {
    this.running ??= this.runOnce()
      .then(() => undefined)
      .catch((error: unknown) => log.warn({ error: describeError(error) }, "webhook worker run failed"))
      .finally(() => {
        this.running = null;
      });
    return this.running;
  }

  /** One pass: every due delivery until none is left. Returns how many were sent. */
  async runOnce(): Promise<number> {
    let sent = 0;
    for (;;) {
      const batch = await claimDueDeliveries(new Date(clock.now()), 10, this.scope.accountId);
      if (batch.length === 0) return sent;
      // Endpoints in parallel; one endpoint's messages one after another, oldest first, so a
      // receiver usually sees them in order (retries can still reorder: receivers must not rely on it).
      const byEndpoint = new Map<string, ClaimedDelivery[]>();
      for (const d of batch) byEndpoint.set(d.endpointId, [...(byEndpoint.get(d.endpointId) ?? []), d]);
      await Promise.all(
        [...byEndpoint.values()].map(async (deliveries) => {
          for (const delivery of deliveries) {
            const result = await sendDelivery(delivery).catch(unsignable);
            await recordAttempt(delivery, result, new Date(clock.now()));
            // Which delivery and how it went; never the body, the URL or a header.
            log.info({ delivery: delivery.id, messageId: delivery.messageId, status: result.status, ok: result.ok }, "webhook attempt");
          }
        }),
      );
      sent += batch.length;
    }
  }
}

export const webhookWorker = new WebhookWorker();
