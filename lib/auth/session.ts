import "server-only";
import { redirect } from "next/navigation";
import { cache } from "react";
import type { Session } from "next-auth";
import { auth, updateSession } from "./index";
import { sessionRenewal } from "./session-renewal";
import { getUserById, type CurrentUser } from "./queries";
import { sessionVersionSetHere } from "./renewed-session";

/**
 * The request's session and its user, read fresh from the database once per request: a deleted
 * user, a changed role or a raised session version (password changed, "Sign out other
 * sessions", user removed) takes effect at once, whatever the session cookie still says.
 */
const readSession = cache(async (): Promise<{ hasCookie: boolean; user: CurrentUser | null }> => {
  const session = await auth();
  const id = session?.user?.id;
  if (!id) return { hasCookie: false, user: null };
  const version = (session as { sessionVersion?: number }).sessionVersion ?? 0;
  const user = await getUserById(id, version);
  if (user) return { hasCookie: true, user };
  const renewed = await sessionVersionSetHere(id);
  return { hasCookie: true, user: renewed !== null && renewed !== version ? await getUserById(id, renewed) : null };
});

export async function getCurrentUser(): Promise<CurrentUser | null> {
  return (await readSession()).user;
}

/** Whether the browser holds a session cookie that no longer names a current user. */
export async function hasEndedSession(): Promise<boolean> {
  const { hasCookie, user } = await readSession();
  return hasCookie && !user;
}

export async function requireUser(): Promise<CurrentUser> {
  const { hasCookie, user } = await readSession();
  // An ended session still looks signed in to the proxy, which would send /login straight back:
  // /session-ended clears the cookie first.
  if (!user) redirect(hasCookie ? "/session-ended" : "/login");
  return user;
}

export type { CurrentUser };

/** Re-issues this browser's session under the user's new session version (lib/auth/session-renewal.ts). */
export async function renewThisSession(userId: string, sessionVersion: number): Promise<void> {
  // Auth.js types the update's data as session fields; the jwt callback reads only the proof.
  await updateSession(sessionRenewal(userId, sessionVersion) as unknown as Partial<Session>);
}
