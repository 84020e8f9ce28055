import { afterAll, beforeAll, beforeEach } from "vitest";
import { clock } from "@/lib/clock";
import { createToken } from "@/lib/tokens/actions";
import { createEndpoint } from "@/lib/webhooks/actions";
import { AUDIT_EVENT_TYPE, WEBHOOK_EVENT_TYPES, type WebhookEventType } from "@/lib/webhooks/events";
import { activityInput } from "./token-fixtures";
import { createReceiver } from "./webhook-receiver";

/**
 * A webhook test file's receiver, listening from beforeAll to afterAll. Each test starts with it
 * empty and answering 200, and with the real clock: tests move `clock.now` to reach retries and
 * lapsed claims, and one test's moved clock must not decide the next one's.
 * (Vitest-only: e2e journeys use `startReceiver` from ./webhook-receiver.)
 */
export function withWebhookReceiver() {
  const receiver = createReceiver();
  const realNow = clock.now;
  beforeAll(() => receiver.start());
  afterAll(() => receiver.stop());
  beforeEach(() => {
    clock.now = realNow;
    receiver.received.length = 0;
    receiver.state.status = 200;
    receiver.state.delayMs = 0;
  });
  return receiver;
}

/** Every token event: what a test endpoint subscribes to unless told (`audit.event` would add a message for every audit row). */
export const TOKEN_EVENT_TYPES = WEBHOOK_EVENT_TYPES.filter((type) => type !== AUDIT_EVENT_TYPE);

/** An endpoint of the signed-in admin's account pointing at `url`; throws if the action refuses. */
export async function createTestEndpoint(url: string, events: readonly WebhookEventType[] = TOKEN_EVENT_TYPES, description = "") {
  const result = await createEndpoint({ url, description, events: [...events] });
  if (!result.ok) throw new Error(JSON.stringify(result));
  return result.data;
}

/** An Activity token of the signed-in admin's account (each one queues `token.created`); throws if the action refuses. */
export async function createTestToken() {
  const result = await createToken(activityInput());
  if (!result.ok) throw new Error(JSON.stringify(result));
  return result.data;
}
