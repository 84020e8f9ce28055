import "server-only";
import { and, eq, isNull, sql } from "drizzle-orm";
import { cache } from "react";
import { getDb, type Tx } from "@/db";
import { accounts, users } from "@/db/tables";

/**
 * What decides where a signed-in user may go: first password, two-factor, the account's rule.
 * Read once per request (the layouts and My account all ask).
 */
export const getSignInState = cache(async (userId: string) => {
  const [row] = await getDb()
    .select({
      mustChangePassword: users.mustChangePassword,
      twoFactorOn: sql<boolean>`${users.totpEnabledAt} is not null`,
      requireAdminTwoFactor: accounts.requireAdminTwoFactor,
      role: users.role,
    })
    .from(users)
    .innerJoin(accounts, eq(accounts.id, users.accountId))
    .where(and(eq(users.id, userId), isNull(users.removedAt)));
  return row ?? null;
});

/** An admin of an account that requires two-factor, without it: sent to /account until set up. */
export function mustSetUpTwoFactor(state: { role: string; twoFactorOn: boolean; requireAdminTwoFactor: boolean }): boolean {
  return state.role === "admin" && state.requireAdminTwoFactor && !state.twoFactorOn;
}

/** For re-checking the current password only; never leaves the server. */
export async function getPasswordHash(userId: string): Promise<string | null> {
  const [row] = await getDb().select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, userId));
  return row?.passwordHash ?? null;
}

/**
 * Raises the user's session version, ending every session issued before (on every instance:
 * each request compares); optionally with a new password. Returns the new version.
 */
export async function endSessions(tx: Tx, userId: string, passwordHash?: string): Promise<number> {
  const [row] = await tx
    .update(users)
    .set({
      sessionVersion: sql`${users.sessionVersion} + 1`,
      ...(passwordHash ? { passwordHash, mustChangePassword: false } : {}),
    })
    .where(and(eq(users.id, userId), isNull(users.removedAt)))
    .returning({ sessionVersion: users.sessionVersion });
  if (!row) throw new Error("The user no longer exists");
  return row.sessionVersion;
}
