"use server";

import { eq } from "drizzle-orm";
import { getDb } from "@/db";
import { users } from "@/db/tables";
import { done, type ActionResult } from "@/lib/action-result";
import { can } from "@/lib/auth/permissions";
import { recordAccountChange } from "@/lib/changes/record-account-change";
import { NOTICE_KEYS } from "@/lib/notices/kinds";
import { serverAction } from "@/lib/server-action";
import { auditFor } from "./audit";
import { emailNoticesSchema, type EmailNoticesInput } from "./schema";

/** My account › "Email notices" › Save (admins): the signed-in admin's own choice, stored as the kinds left out. */
export async function saveEmailNotices(input: EmailNoticesInput): Promise<ActionResult> {
  return serverAction("saveEmailNotices", {
    permission: (user) => (can(user, "notices:receive") ? null : "Email notices are for admins."),
    parse: () => emailNoticesSchema.safeParse(input),
    run: async ({ user, input: { receive } }) => {
      const optOuts = NOTICE_KEYS.filter((kind) => !receive.includes(kind));
      const change = await auditFor(user, "user.notices_changed", { opted_out: optOuts });
      // The choice and its audit row together; saving the same choice again records nothing.
      await getDb().transaction(async (tx) => {
        const [before] = await tx.select({ optOuts: users.noticeOptOuts }).from(users).where(eq(users.id, user.id)).for("no key update");
        if (before && [...before.optOuts].sort().join() === [...optOuts].sort().join()) return;
        await tx.update(users).set({ noticeOptOuts: optOuts }).where(eq(users.id, user.id));
        await recordAccountChange(tx, change);
      });
      return done();
    },
    refresh: "/account",
  });
}
