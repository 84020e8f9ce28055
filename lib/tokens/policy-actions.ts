"use server";

import { done, type ActionResult } from "@/lib/action-result";
import { can } from "@/lib/auth/permissions";
import { serverAction } from "@/lib/server-action";
import { daysOf, lifetimeError, MAX_LIFETIME_CHOICES, PAUSE_UNUSED_CHOICES, tokenPolicySchema, type TokenPolicyInput } from "./policy";
import { getTokenPolicy } from "./queries";
import { saveAccountTokenPolicy } from "./write/policy";

/** "Token policy" › Save (admins): the account's maximum lifetime and pause for disuse. */
export async function saveTokenPolicy(input: TokenPolicyInput): Promise<ActionResult> {
  return serverAction("saveTokenPolicy", {
    permission: (user) => (can(user, "tokens:policy") ? null : "Only admins can change the token policy."),
    parse: () => tokenPolicySchema.safeParse(input),
    run: async ({ user, input: choice, actor }) => {
      const next = { maxLifetimeDays: daysOf(MAX_LIFETIME_CHOICES, choice.maxLifetime), pauseUnusedAfterDays: daysOf(PAUSE_UNUSED_CHOICES, choice.pauseUnusedAfter) };
      // Checked before the transaction for the field's message; the write checks again under the lock.
      const tooLong = lifetimeError(next.maxLifetimeDays, (await getTokenPolicy(user.accountId)).ceilingDays);
      if (tooLong) return { ok: false, fieldErrors: { maxLifetime: tooLong } };
      const refused = await saveAccountTokenPolicy(await actor(), user.accountName, next);
      return refused ? { ok: false, fieldErrors: { maxLifetime: refused } } : done();
    },
    refresh: "/manage/integrations",
  });
}
