/**
 * The token events an endpoint can subscribe to. Adding one is adding it here (the form's
 * checkboxes, the zod schema and `enqueueTokenEvent` all read this list).
 */
export const WEBHOOK_EVENT_TYPES = [
  "token.created",
  "token.updated",
  "token.reset",
  "token.revoked",
  "token.expiring",
  "token.expired",
  "token.exposed",
  "token.rate_limited",
  // The enumeration alarm marked the token "Suspicious activity" (Profile Read governance).
  "token.suspicious",
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** "Send test event": delivered to one endpoint whatever it subscribes to. */
export const TEST_EVENT_TYPE = "webhook.test";
