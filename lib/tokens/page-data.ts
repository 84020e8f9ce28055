import "server-only";
import { notFound } from "next/navigation";
import { cache } from "react";
import { requireUser } from "@/lib/auth/session";
import { getToken } from "./queries";

/**
 * The signed-in user and the token a /api-tokens/[tokenId] page shows, loaded once per request
 * for the layout and its tab. Another account's token is a 404, like a missing one.
 */
export const loadTokenPage = cache(async (tokenId: string) => {
  const user = await requireUser();
  const token = await getToken(user.accountId, tokenId);
  if (!token) notFound();
  return { user, token };
});
