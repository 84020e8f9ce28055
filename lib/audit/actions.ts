"use server";

import { headers } from "next/headers";
import { answerUnexpected } from "@/lib/action-guard";
import type { ActionResult } from "@/lib/action-result";
import { can } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/db";
import { recordAccountChange } from "@/lib/changes/record-account-change";
import { countOn, sharedLimiter } from "@/lib/rate-limiter";
import { requestIp } from "@/lib/request-ip";
import { processSingleton } from "@/db/process-singleton";
import { findTokenBySecret, type FoundToken } from "./find-token";

// A public POST endpoint like every server action: the user first, admins only, the account
// from the session. The pasted token arrives in the POST body only (never a URL), is hashed,
// and is neither stored, logged nor sent back.

/** Per user and minute: plenty for an incident, and no way to test guesses in bulk. */
const SEARCHES_PER_MINUTE = 20;
const searches = () => processSingleton("audit-find-token-limiter", () => sharedLimiter({ keyPrefix: "find-token", points: SEARCHES_PER_MINUTE, duration: 60 }));

export type FindTokenResult = ActionResult<{ token: FoundToken | null }>;

export async function findToken(_previous: FindTokenResult | null, form: FormData): Promise<FindTokenResult> {
  const user = await requireUser();
  if (!can(user, "audit:read")) return { ok: false, formError: "Only admins can search the audit log." };
  const value = form.get("token");
  if (typeof value !== "string" || value.trim() === "") return { ok: false, fieldErrors: { token: "Paste the token to look for." } };
  if (value.length > 200) return { ok: false, fieldErrors: { token: "That is too long to be an API token." } };
  return answerUnexpected("findToken", async () => {
    if ((await countOn(searches(), user.id)).consumedPoints > SEARCHES_PER_MINUTE) {
      return { ok: false, formError: "Too many searches. Wait a minute and try again." };
    }
    const token = await findTokenBySecret(user.accountId, value);
    // The search itself is on record (who looked, and what it found), never the value.
    await recordAccountChange(getDb(), {
      accountId: user.accountId,
      actor: { kind: "user", id: user.id, name: user.name, ip: requestIp(await headers()) },
      action: "token.searched",
      target: token ? { kind: "token", id: token.id, label: token.description } : undefined,
      detail: { matched: token !== null },
    });
    return { ok: true, data: { token } };
  });
}
