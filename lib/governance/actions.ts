"use server";

import { notFound } from "next/navigation";
import { done, refuse, type ActionResult } from "@/lib/action-result";
import { can } from "@/lib/auth/permissions";
import type { CurrentUser } from "@/lib/auth/session";
import { clock } from "@/lib/clock";
import { PAGE_SIZE } from "@/lib/pagination";
import { serverAction } from "@/lib/server-action";
import { getToken } from "@/lib/tokens/queries";
import { markTokenReviewed } from "@/lib/tokens/write/suspicious";
import { z } from "@/lib/zod";
import { parseAccessQuery } from "./filters";
import { listAccessLog, type AccessLogRow } from "./queries";
import { chargeSearch } from "./search-budget";
import { searchHashes } from "./value-hash";

// Public POST endpoints like every server action: the user first, admins only (a marketer gets
// the same 404 as for the pages), the account from the session, the token checked within it.

const governance = (user: CurrentUser) => (can(user, "tokens:governance") ? null : notFound());

/** An admin's Profile Read token of their own account, else 404. */
async function governedToken(user: CurrentUser, tokenId: unknown) {
  const token = await getToken(user.accountId, String(tokenId));
  if (!token || token.type !== "profile_read") notFound();
  return token;
}

const searchSchema = z.object({
  value: z.string().trim().min(1, "Enter the value to look for, e.g. an email address.").max(1_000, "That value is too long: enter at most 1,000 characters."),
  from: z.string().default(""),
  to: z.string().default(""),
  outcome: z.string().default(""),
});
const fieldsOf = (form: FormData) => Object.fromEntries(["value", "from", "to", "outcome"].map((name) => [name, form.get(name) ?? undefined]));

export interface AccessSearchResult {
  /** The newest matching rows, at most a page. */
  rows: AccessLogRow[];
  /** More rows match than are shown. */
  more: boolean;
}
export type SearchState = ActionResult<AccessSearchResult> | null;

/**
 * "Was this customer read?": hashes the typed value with the account's key and answers with the
 * matching rows in the action's result. Neither the value nor its hash goes into a URL (browser
 * history, proxy and access logs), and each user has a budget of searches a minute.
 */
export async function searchAccessLog(tokenId: string, _state: SearchState, form: FormData): Promise<ActionResult<AccessSearchResult>> {
  return serverAction("searchAccessLog", {
    permission: governance,
    load: (user) => governedToken(user, tokenId),
    parse: () => searchSchema.safeParse(fieldsOf(form)),
    run: async ({ user, loaded: token, input }) => {
      const range = parseAccessQuery({ from: input.from, to: input.to, outcome: input.outcome });
      if (range.errors.length) return refuse(range.errors.join(" "));
      const wait = await chargeSearch(user.id);
      if (wait) return refuse(wait);
      const filter = { ...range.filter, valueHashes: searchHashes(user.accountId, input.value) };
      const rows = await listAccessLog(user.accountId, token.id, filter, null, PAGE_SIZE + 1);
      return { ok: true, data: { rows: rows.slice(0, PAGE_SIZE), more: rows.length > PAGE_SIZE } };
    },
  });
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
