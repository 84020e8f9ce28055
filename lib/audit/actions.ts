"use server";

import { getDb } from "@/db";
import { processSingleton } from "@/db/process-singleton";
import type { ActionResult } from "@/lib/action-result";
import { can } from "@/lib/auth/permissions";
import { recordAccountChange } from "@/lib/changes/record-account-change";
import { byUser } from "@/lib/changes/record-change";
import { countOn, sharedLimiter } from "@/lib/rate-limiter";
import { serverAction } from "@/lib/server-action";
import { findTokenBySecret, type FoundToken } from "./find-token";
import { findTokenSchema } from "./schema";

// A public POST endpoint, run by serverAction: the user first, admins only, the account from the
// session. The pasted token arrives in the POST body only (never a URL), is hashed, and is
// neither stored, logged nor sent back.

/** Per user and minute: plenty for an incident, and no way to test guesses in bulk. */
const SEARCHES_PER_MINUTE = 20;
const searches = () => processSingleton("audit-find-token-limiter", () => sharedLimiter({ keyPrefix: "find-token", points: SEARCHES_PER_MINUTE, duration: 60 }));

export type FindTokenResult = ActionResult<{ token: FoundToken | null }>;

export async function findToken(_previous: FindTokenResult | null, form: FormData): Promise<FindTokenResult> {
  return serverAction("findToken", {
    permission: (user) => (can(user, "audit:read") ? null : "Only admins can search the audit log."),
    parse: () => findTokenSchema.safeParse({ token: form.get("token") ?? undefined }),
    run: async ({ user, input, actor }) => {
      if ((await countOn(searches(), user.id)).consumedPoints > SEARCHES_PER_MINUTE) {
        return { ok: false, formError: "Too many searches. Wait a minute and try again." };
      }
      const token = await findTokenBySecret(user.accountId, input.token);
      // The search itself is on record (who looked, and what it found), never the value.
      await recordAccountChange(getDb(), {
        accountId: user.accountId,
        actor: byUser(await actor()),
        action: "token.searched",
        target: token ? { kind: "token", id: token.id, label: token.description } : undefined,
        detail: { matched: token !== null },
      });
      return { ok: true, data: { token } };
    },
  });
}
