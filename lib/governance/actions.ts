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
import { accessLogRetentionDays, accessSearchSummary, listAccessLog, type AccessLogRow } from "./queries";
import { searchAnswer } from "./search-answer";
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
});

export interface AccessSearchResult {
  /** "Yes: read N times, first …, last …" or "No: this token has not read that value in the last N days." */
  answer: string;
  /** Lookups withheld for lack of consent, in words; null when none. */
  note: string | null;
  /** The newest matching rows (any outcome), at most a page. */
  rows: AccessLogRow[];
  /** How many rows match: more than `rows` when the page is full. */
  total: number;
}
export type SearchState = ActionResult<AccessSearchResult> | null;

/**
 * "Was this customer read?": hashes the typed value with the account's key and answers, in the
 * action's result, over the whole retained log (the tab's filters narrow the log, not this
 * question). Neither the value nor its hash goes into a URL (browser history, proxy and access
 * logs), and each user has a budget of searches a minute.
 */
export async function searchAccessLog(tokenId: string, _state: SearchState, form: FormData): Promise<ActionResult<AccessSearchResult>> {
  return serverAction("searchAccessLog", {
    permission: governance,
    load: (user) => governedToken(user, tokenId),
    parse: () => searchSchema.safeParse({ value: form.get("value") ?? undefined }),
    run: async ({ user, loaded: token, input }) => {
      const wait = await chargeSearch(user.id);
      if (wait) return refuse(wait);
      const days = await accessLogRetentionDays(user.accountId);
      const valueHashes = searchHashes(user.accountId, input.value);
      // Rows older than the retention wait for the daily job: not counted, so the words hold.
      const since = new Date(clock.now() - days * 86_400_000);
      const [summary, rows] = await Promise.all([
        accessSearchSummary(user.accountId, token.id, valueHashes, since),
        listAccessLog(user.accountId, token.id, { valueHashes, from: since }, null, PAGE_SIZE),
      ]);
      return { ok: true, data: { ...searchAnswer(summary, days), rows, total: summary.rows } };
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
