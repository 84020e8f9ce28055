"use server";

import { eq } from "drizzle-orm";
import { getDb } from "@/db";
import { accounts } from "@/db/tables";
import type { ActionResult } from "@/lib/action-result";
import { can } from "@/lib/auth/permissions";
import { recordAccountChange } from "@/lib/changes/record-account-change";
import { serverAction } from "@/lib/server-action";
import { auditFor } from "./audit";
import { requireTwoFactorSchema, type RequireTwoFactorInput } from "./schema";

/** Team: "Require two-factor authentication for admins" (admins only), for the session's account. */
export async function saveRequireAdminTwoFactor(input: RequireTwoFactorInput): Promise<ActionResult> {
  return serverAction("saveRequireAdminTwoFactor", {
    permission: (user) => (can(user, "account:settings") ? null : "Only admins can change this setting."),
    parse: () => requireTwoFactorSchema.safeParse(input),
    run: async ({ user, input: { requireAdminTwoFactor: value } }) => {
      const change = {
        ...(await auditFor(user, "account.settings_changed", { require_admin_two_factor: value })),
        target: { kind: "account" as const, id: user.accountId, label: user.accountName },
      };
      // The setting and its audit row together; saving the same value again records nothing.
      await getDb().transaction(async (tx) => {
        const [before] = await tx.select({ value: accounts.requireAdminTwoFactor }).from(accounts).where(eq(accounts.id, user.accountId)).for("update");
        if (before?.value === value) return;
        await tx.update(accounts).set({ requireAdminTwoFactor: value }).where(eq(accounts.id, user.accountId));
        await recordAccountChange(tx, change);
      });
      return { ok: true, data: undefined };
    },
    // Every page's layout reads the rule (admins without two-factor are sent to /account).
    refresh: "/",
  });
}
