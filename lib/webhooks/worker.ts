import { setTimeout as sleep } from "node:timers/promises";
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
  const signature = new Webhook(decryptSecret(delivery.secretCiphertext, delivery.endpointId)).sign(delivery.messageId, sentAt, body);
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

/** Sends in flight per worker, each to a different endpoint. */
export const MAX_CONCURRENT_SENDS = 10;

/**
 * Sends what the outbox holds until none is due (the `token.expiring` / `token.expired` sweep
 * that fills it is another periodic job). Any number of instances may run it.
 *
 * Up to MAX_CONCURRENT_SENDS sends run at once, each to a different endpoint; whenever one ends,
 * the freed slot claims again (and free slots every DELIVERY_POLL_MS), leaving out the endpoints
 * still in flight. So a slow receiver holds one slot, never the others: another account's event
 * waits for a free slot, not for the slow one's backlog. One endpoint's messages go one after another, oldest first, so a receiver
 * usually sees them in order (retries can still reorder: receivers must not rely on it).
 *
 * Once `stopping` is aborted (shutdown) it claims nothing more, but the sends in flight finish and
 * are recorded before it returns. Returns how many were sent. `accountId` confines it to these
 * accounts' deliveries (tests that share a database).
 */
export async function sendDueDeliveries(options: { accountId?: string | readonly string[]; stopping?: AbortSignal } = {}): Promise<number> {
  const inFlight = new Map<string, Promise<void>>();
  let sent = 0;
  // A failed record (the database gone) stops new claims; the sends in flight still finish.
  let failure: { error: unknown } | null = null;
  try {
    for (;;) {
      const free = options.stopping?.aborted || failure ? 0 : MAX_CONCURRENT_SENDS - inFlight.size;
      const batch = free > 0 ? await claimDueDeliveries(new Date(clock.now()), free, options.accountId, [...inFlight.keys()]) : [];
      for (const delivery of batch) {
        const send = attempt(delivery)
          .catch((error: unknown) => void (failure ??= { error }))
          .finally(() => inFlight.delete(delivery.endpointId));
        inFlight.set(delivery.endpointId, send);
      }
      sent += batch.length;
      if (inFlight.size === 0) break;
      // Claimed something with slots left: look again at once (an endpoint just freed, or more due).
      if (batch.length > 0 && batch.length < free) continue;
      // Until a send ends, or (with a slot free) the next poll: a new event never waits for a slow receiver.
      const poll = inFlight.size < MAX_CONCURRENT_SENDS ? [sleep(DELIVERY_POLL_MS, undefined, { ref: false })] : [];
      await Promise.race([...inFlight.values(), ...poll]);
    }
  } finally {
    await Promise.all(inFlight.values());
  }
  if (failure) throw (failure as { error: unknown }).error;
  return sent;
}

async function attempt(delivery: ClaimedDelivery): Promise<void> {
  const result = await sendDelivery(delivery).catch(unsignable);
  recordWebhookDelivery(await recordAttempt(delivery, result, new Date(clock.now())));
  // Which delivery and how it went; never the body, the URL or a header.
  log.info({ delivery: delivery.id, messageId: delivery.messageId, status: result.status, ok: result.ok }, "webhook attempt");
}
