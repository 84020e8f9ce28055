"use server";

import { randomUUID } from "node:crypto";
import { done, refuse, type ActionResult } from "@/lib/action-result";
import { can } from "@/lib/auth/permissions";
import type { CurrentUser } from "@/lib/auth/session";
import { clock } from "@/lib/clock";
import { formatDateTime } from "@/lib/format";
import { serverAction } from "@/lib/server-action";
import { chargeManualSend } from "./manual-sends";
import { getEndpoint, insertEndpointWithinCap, insertTestDelivery, MAX_ENDPOINTS_PER_ACCOUNT, requeueDelivery, setEndpointStatus } from "./queries";
import { createEndpointSchema, type CreateEndpointInput } from "./schema";
import { encryptSecret, generateSigningSecret } from "./secret";
import { checkEndpointUrl, PRIVATE_MESSAGE, resolvesPublicly } from "./url-policy";

// Every action is a public POST endpoint, run by serverAction: the user first, admins only
// (checked before anything is read), the account from the session. The signing secret exists in
// plaintext only in createEndpoint's result.

const NOT_FOUND = "This endpoint does not exist or has been removed.";
const WEBHOOK_PAGES = "/manage/integrations";
const TOO_MANY_ENDPOINTS = `An account can have at most ${MAX_ENDPOINTS_PER_ACCOUNT} webhook endpoints. Disable or reuse one of the existing endpoints instead.`;

const webhookAdmin = (user: CurrentUser) => (can(user, "webhooks:manage") ? null : "Only admins can manage webhooks.");

/** The endpoint named by the caller, within the user's account only. */
const endpointOf = (endpointId: string) => (user: CurrentUser) => getEndpoint(user.accountId, String(endpointId));

export async function createEndpoint(input: CreateEndpointInput): Promise<ActionResult<{ endpointId: string; secret: string }>> {
  return serverAction("createEndpoint", {
    permission: webhookAdmin,
    parse: () => createEndpointSchema.safeParse(input),
    run: async ({ user, input: endpoint, actor }) => {
      const checked = checkEndpointUrl(endpoint.url);
      if (!checked.ok) return { ok: false, fieldErrors: { url: checked.message } };
      if (!(await resolvesPublicly(checked.url))) return { ok: false, fieldErrors: { url: PRIVATE_MESSAGE } };
      const secret = generateSigningSecret();
      const events = [...new Set(endpoint.events)];
      // The id is chosen here: the stored secret is encrypted bound to it.
      const endpointId = randomUUID();
      const values = { ...endpoint, id: endpointId, url: checked.url.toString(), events };
      const inserted = await insertEndpointWithinCap(user.accountId, await actor(), values, encryptSecret(secret, endpointId));
      return inserted ? { ok: true, data: { endpointId, secret } } : refuse(TOO_MANY_ENDPOINTS);
    },
    refresh: WEBHOOK_PAGES,
  });
}

export async function sendTestEvent(endpointId: string): Promise<ActionResult> {
  return serverAction("sendTestEvent", {
    permission: webhookAdmin,
    load: endpointOf(endpointId),
    missing: NOT_FOUND,
    check: (endpoint) => (endpoint.status === "enabled" ? null : "Enable the endpoint before sending a test event."),
    run: async ({ user, loaded: endpoint }) => {
      const spent = await chargeManualSend(endpoint.id);
      if (spent) return refuse(spent);
      await insertTestDelivery(user.accountId, endpoint.id, new Date(clock.now()));
      return done();
    },
    refresh: WEBHOOK_PAGES,
  });
}

export async function resendDelivery(endpointId: string, deliveryId: number): Promise<ActionResult> {
  return serverAction("resendDelivery", {
    permission: webhookAdmin,
    load: endpointOf(endpointId),
    missing: NOT_FOUND,
    run: async ({ user, loaded: endpoint }) => {
      const spent = await chargeManualSend(endpoint.id);
      if (spent) return refuse(spent);
      const id = Number(deliveryId);
      const requeued = Number.isSafeInteger(id) && (await requeueDelivery(user.accountId, endpoint.id, id, new Date(clock.now())));
      return requeued ? done() : refuse("This delivery does not exist.");
    },
    refresh: WEBHOOK_PAGES,
  });
}

export async function setEndpointEnabled(endpointId: string, enabled: boolean): Promise<ActionResult> {
  return serverAction("setEndpointEnabled", {
    permission: webhookAdmin,
    load: endpointOf(endpointId),
    missing: NOT_FOUND,
    run: async ({ user, loaded: endpoint, actor }) => {
      const reason = enabled ? null : `Disabled by ${user.name} on ${formatDateTime(new Date(clock.now()))}.`;
      await setEndpointStatus(user.accountId, endpoint.id, Boolean(enabled), reason, await actor());
      return done();
    },
    refresh: WEBHOOK_PAGES,
  });
}
