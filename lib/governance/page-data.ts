import "server-only";
import { notFound } from "next/navigation";
import { can } from "@/lib/auth/permissions";
import { getCurrentUser } from "@/lib/auth/session";
import { getToken } from "@/lib/tokens/queries";
import { loadTokenPage } from "@/lib/tokens/page-data";

/** The Access log tab's user and token: admins only, Profile Read tokens only; anyone else gets 404. */
export async function loadAccessLogPage(tokenId: string) {
  const { user, token } = await loadTokenPage(tokenId);
  if (!can(user, "tokens:governance") || token.type !== "profile_read") notFound();
  return { user, token };
}

/**
 * The same rule for a route handler (the export), which cannot render Next's 404 page: null
 * for no session, another account's or a missing token, a marketer, or an Activity token.
 */
export async function accessLogExportScope(tokenId: string) {
  const user = await getCurrentUser();
  if (!user || !can(user, "tokens:governance")) return null;
  const token = await getToken(user.accountId, tokenId);
  return token && token.type === "profile_read" ? { user, token } : null;
}
