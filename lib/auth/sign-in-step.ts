import "server-only";
import { and, eq, isNull, sql } from "drizzle-orm";
import { cache } from "react";
import { getDb } from "@/db";
import { accounts, users } from "@/db/tables";

/**
 * What decides where a signed-in user may go: first password, two-factor, the account's rule.
 * Read once per request (the layouts, My account and every server action ask).
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

type SignInState = NonNullable<Awaited<ReturnType<typeof getSignInState>>>;

/** A step a signed-in user must take before anything else. */
export type SignInStep = "choose-password" | "set-up-two-factor";

/** Where each step is taken (pages redirect there), and what a server action refused for it answers. */
export const signInSteps: Record<SignInStep, { page: string; refusal: string }> = {
  "choose-password": { page: "/choose-password", refusal: "Choose a new password before you continue." },
  "set-up-two-factor": { page: "/account", refusal: "Your account requires two-factor authentication. Set it up to continue." },
};

/**
 * The one rule: an operator-issued first password is replaced first (PRODUCT.md §9), then an
 * admin of an account that requires two-factor, without it, sets it up. Null when neither.
 */
export function signInStepOf(state: Pick<SignInState, "mustChangePassword" | "role" | "twoFactorOn" | "requireAdminTwoFactor">): SignInStep | null {
  if (state.mustChangePassword) return "choose-password";
  if (state.role === "admin" && state.requireAdminTwoFactor && !state.twoFactorOn) return "set-up-two-factor";
  return null;
}

/** The step the user must still take; null when none (or the user is gone: the session decides that). */
export async function pendingSignInStep(userId: string): Promise<SignInStep | null> {
  const state = await getSignInState(userId);
  return state ? signInStepOf(state) : null;
}
