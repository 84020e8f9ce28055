import { Webhook } from "standardwebhooks";
import { clock } from "@/lib/clock";
import { log } from "@/lib/log";
import { recordWebhookDelivery } from "@/lib/metrics/registry";
import { claimDueDeliveries, recordAttempt, type ClaimedDelivery } from "./delivery-queries";
import { decryptSecret } from "./secret";
import { postWebhook, type SendResult } from "./send";

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

/** How often each instance looks for due deliveries (a periodic job: lib/server/app-server.ts). */
export const DELIVERY_POLL_MS = 1_000;

/**
 * Sends what the outbox holds: claims due deliveries and sends them until none is left (the
 * `token.expiring` / `token.expired` sweep that fills it is another periodic job). Any number of
 * instances may run it. Once `stopping` is aborted (shutdown) it claims nothing more, but the
 * sends already claimed finish and are recorded before it returns. Returns how many were sent.
 * `accountId` confines it to one account's deliveries (tests that share a database).
 */
export async function sendDueDeliveries(options: { accountId?: string; stopping?: AbortSignal } = {}): Promise<number> {
  let sent = 0;
  while (!options.stopping?.aborted) {
    const batch = await claimDueDeliveries(new Date(clock.now()), 10, options.accountId);
    if (batch.length === 0) break;
    // Endpoints in parallel; one endpoint's messages one after another, oldest first, so a
    // receiver usually sees them in order (retries can still reorder: receivers must not rely on it).
    const byEndpoint = new Map<string, ClaimedDelivery[]>();
    for (const d of batch) byEndpoint.set(d.endpointId, [...(byEndpoint.get(d.endpointId) ?? []), d]);
    await Promise.all(
      [...byEndpoint.values()].map(async (deliveries) => {
        for (const delivery of deliveries) {
          const result = await sendDelivery(delivery).catch(unsignable);
          recordWebhookDelivery(await recordAttempt(delivery, result, new Date(clock.now())));
          // Which delivery and how it went; never the body, the URL or a header.
          log.info({ delivery: delivery.id, messageId: delivery.messageId, status: result.status, ok: result.ok }, "webhook attempt");
        }
      }),
    );
    sent += batch.length;
  }
  return sent;
}
