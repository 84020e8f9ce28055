"use server";

import { eq } from "drizzle-orm";
import { revalidatePath } from "next/cache";
import { getDb } from "@/db";
import { accounts } from "@/db/tables";
import { answerUnexpected } from "@/lib/action-guard";
import { fieldErrorsOf, type ActionResult } from "@/lib/action-result";
import { can } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";
import { recordAccountChange } from "@/lib/changes/record-account-change";
import { auditFor } from "./audit";
import { requireTwoFactorSchema, type RequireTwoFactorInput } from "./schema";

/** Team: "Require two-factor authentication for admins" (admins only), for the session's account. */
export async function saveRequireAdminTwoFactor(input: RequireTwoFactorInput): Promise<ActionResult> {
  const user = await requireUser();
  return answerUnexpected("saveRequireAdminTwoFactor", async () => {
    if (!can(user, "account:settings")) return { ok: false, formError: "Only admins can change this setting." };
    const parsed = requireTwoFactorSchema.safeParse(input);
    if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error) };
    const value = parsed.data.requireAdminTwoFactor;
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
    revalidatePath("/", "layout");
    return { ok: true, data: undefined };
  });
}
