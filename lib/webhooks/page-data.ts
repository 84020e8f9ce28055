import "server-only";
import { notFound } from "next/navigation";
import { can } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";
import { getEndpoint } from "./queries";

/** Webhook pages are for admins: anyone else gets the 404 a missing page gives. */
export async function requireWebhookAdminPage() {
  const user = await requireUser();
  if (!can(user, "webhooks:manage")) notFound();
  return user;
}

/** The endpoint an /webhooks/[endpointId] page shows; another account's is a 404, like a missing one. */
export async function loadEndpointPage(endpointId: string) {
  const user = await requireWebhookAdminPage();
  const endpoint = await getEndpoint(user.accountId, endpointId);
  if (!endpoint) notFound();
  return { user, endpoint };
}
