"use server";

import { notFound, redirect } from "next/navigation";
import { done, refuse, type ActionResult } from "@/lib/action-result";
import { can } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";
import { pendingSignInStep, signInSteps } from "@/lib/auth/sign-in-step";
import { clock } from "@/lib/clock";
import { serverAction } from "@/lib/server-action";
import { getToken } from "@/lib/tokens/queries";
import { markTokenReviewed } from "@/lib/tokens/write/suspicious";
import { parseAccessQuery } from "./filters";
import { hashSearchValue } from "./value-hash";

// Public POST endpoints like every server action: the user first, admins only (a marketer gets
// the same 404 as for the pages), the account from the session, the token checked within it.

/** An admin's Profile Read token of their own account, else 404. */
async function governedToken(tokenId: unknown) {
  const user = await requireUser();
  if (!can(user, "tokens:governance")) notFound();
  const token = await getToken(user.accountId, String(tokenId));
  if (!token || token.type !== "profile_read") notFound();
  return { user, token };
}

export type SearchState = { error?: string };

/**
 * "Was this customer read?": hashes the typed value with the log's key and shows the matching
 * rows. The page's URL carries only the hash, so the value itself never lands in a URL, a
 * browser history or an access log.
 */
export async function searchAccessLog(tokenId: string, _state: SearchState, form: FormData): Promise<SearchState> {
  const { user, token } = await governedToken(tokenId);
  // Not a serverAction (it answers with a redirect), so it asks the sign-in step itself.
  const step = await pendingSignInStep(user.id);
  if (step) return { error: signInSteps[step].refusal };
  const value = form.get("value");
  if (typeof value !== "string" || value.trim() === "") return { error: "Enter the value to look for, e.g. an email address." };
  if (value.length > 1_000) return { error: "That value is too long: enter at most 1,000 characters." };
  const kept = parseAccessQuery({ from: String(form.get("from") ?? ""), to: String(form.get("to") ?? ""), outcome: String(form.get("outcome") ?? "") });
  const query = new URLSearchParams({ match: hashSearchValue(value) });
  if (kept.from) query.set("from", kept.from);
  if (kept.to) query.set("to", kept.to);
  if (kept.outcome) query.set("outcome", kept.outcome);
  redirect(`/manage/integrations/api-tokens/${token.id}/access-log?${query}`);
}

/** "Mark as reviewed": clears "Suspicious activity" and its throttle on every instance, with a History row. */
export async function reviewSuspiciousToken(tokenId: string): Promise<ActionResult> {
  return serverAction("reviewSuspiciousToken", {
    permission: (user) => (can(user, "tokens:governance") ? null : "Only admins can mark a token as reviewed."),
    load: (user) => getToken(user.accountId, String(tokenId)),
    missing: "This API token does not exist or has been removed.",
    run: async ({ loaded: token, actor }) =>
      (await markTokenReviewed(await actor(), token.id, new Date(clock.now()))) ? done() : refuse("This token is no longer marked as suspicious."),
    refresh: "/manage/integrations",
  });
}
