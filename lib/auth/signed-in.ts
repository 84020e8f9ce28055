import { eq } from "drizzle-orm";
import { CredentialsSignin } from "next-auth";
import { getDb } from "@/db";
import { users } from "@/db/tables";

/**
 * The password was right but the user has two-factor on: no session yet. The sign-in action
 * answers with the code step (lib/auth/two-factor/pending-sign-in.ts), naming this user.
 */
export class TwoFactorRequired extends CredentialsSignin {
  override code = "two_factor";
  constructor(readonly userId: string) {
    super();
  }
}

/** What a session is issued for once every factor is proven; the team page shows the time. */
export async function signedIn(user: { id: string; sessionVersion: number }): Promise<{ id: string; sessionVersion: number }> {
  await getDb().update(users).set({ lastSignInAt: new Date() }).where(eq(users.id, user.id));
  return { id: user.id, sessionVersion: user.sessionVersion };
}
