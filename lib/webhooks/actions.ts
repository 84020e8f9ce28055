"use server";

import { revalidatePath } from "next/cache";
import { answerUnexpected } from "@/lib/action-guard";
import { fieldErrorsOf, type ActionResult } from "@/lib/action-result";
import { can } from "@/lib/auth/permissions";
import { requireUser, type CurrentUser } from "@/lib/auth/session";
import { clock } from "@/lib/clock";
import { formatDateTime } from "@/lib/format";
import { requestIp } from "@/lib/request-ip";
import { headers } from "next/headers";
import { getEndpoint, insertEndpoint, insertTestDelivery, requeueDelivery, setEndpointStatus } from "./queries";
import { createEndpointSchema, type CreateEndpointInput } from "./schema";
import { encryptSecret, generateSigningSecret } from "./secret";
import { checkEndpointUrl, PRIVATE_MESSAGE, resolvesPublicly } from "./url-policy";

// Every action is a public POST endpoint: the user first, admins only, the account from the
// session. The signing secret exists in plaintext only in createEndpoint's result.

const ADMINS_ONLY = "Only admins can manage webhooks.";
const NOT_FOUND = "This endpoint does not exist or has been removed.";

async function requireWebhookAdmin(): Promise<CurrentUser | null> {
  const user = await requireUser();
  return can(user, "webhooks:manage") ? user : null;
}

const actorFor = async (user: CurrentUser) => ({ kind: "user" as const, id: user.id, name: user.name, ip: requestIp(await headers()) });

const refresh = () => revalidatePath("/manage/integrations", "layout");

export async function createEndpoint(input: CreateEndpointInput): Promise<ActionResult<{ endpointId: string; secret: string }>> {
  const user = await requireWebhookAdmin();
  if (!user) return { ok: false, formError: ADMINS_ONLY };
  return answerUnexpected("createEndpoint", async () => {
    const parsed = createEndpointSchema.safeParse(input);
    if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error) };
    const checked = checkEndpointUrl(parsed.data.url);
    if (!checked.ok) return { ok: false, fieldErrors: { url: checked.message } };
    if (!(await resolvesPublicly(checked.url))) return { ok: false, fieldErrors: { url: PRIVATE_MESSAGE } };
    const secret = generateSigningSecret();
    const events = [...new Set(parsed.data.events)];
    const endpointId = await insertEndpoint(user.accountId, await actorFor(user), { ...parsed.data, url: checked.url.toString(), events }, encryptSecret(secret));
    refresh();
    return { ok: true, data: { endpointId, secret } };
  });
}

export async function sendTestEvent(endpointId: string): Promise<ActionResult> {
  const user = await requireWebhookAdmin();
  if (!user) return { ok: false, formError: ADMINS_ONLY };
  return answerUnexpected("sendTestEvent", async () => {
    const endpoint = await getEndpoint(user.accountId, String(endpointId));
    if (!endpoint) return { ok: false, formError: NOT_FOUND };
    if (endpoint.status !== "enabled") return { ok: false, formError: "Enable the endpoint before sending a test event." };
    await insertTestDelivery(user.accountId, endpoint.id, new Date(clock.now()));
    refresh();
    return { ok: true, data: undefined };
  });
}

export async function resendDelivery(endpointId: string, deliveryId: number): Promise<ActionResult> {
  const user = await requireWebhookAdmin();
  if (!user) return { ok: false, formError: ADMINS_ONLY };
  return answerUnexpected("resendDelivery", async () => {
    const endpoint = await getEndpoint(user.accountId, String(endpointId));
    if (!endpoint) return { ok: false, formError: NOT_FOUND };
    const id = Number(deliveryId);
    if (!Number.isSafeInteger(id) || !(await requeueDelivery(user.accountId, endpoint.id, id, new Date(clock.now())))) {
      return { ok: false, formError: "This delivery does not exist." };
    }
    refresh();
    return { ok: true, data: undefined };
  });
}

export async function setEndpointEnabled(endpointId: string, enabled: boolean): Promise<ActionResult> {
  const user = await requireWebhookAdmin();
  if (!user) return { ok: false, formError: ADMINS_ONLY };
  return answerUnexpected("setEndpointEnabled", async () => {
    const endpoint = await getEndpoint(user.accountId, String(endpointId));
    if (!endpoint) return { ok: false, formError: NOT_FOUND };
    const reason = enabled ? null : `Disabled by ${user.name} on ${formatDateTime(new Date(clock.now()))}.`;
    await setEndpointStatus(user.accountId, endpoint.id, Boolean(enabled), reason, await actorFor(user));
    refresh();
    return { ok: true, data: undefined };
  });
}
