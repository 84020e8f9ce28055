import "server-only";
import { redirect } from "next/navigation";
import { cache } from "react";
import type { Session } from "next-auth";
import { auth, updateSession } from "./index";
import { sessionRenewal } from "./session-renewal";
import { endSession, getUserById, type CurrentUser } from "./queries";
import { sessionVersionSetHere } from "./renewed-session";
import { describeError } from "@/lib/error-log";
import { log } from "@/lib/log";

/**
 * The request's session and its user, read fresh from the database once per request: a deleted
 * user, a changed role, a raised session version (password changed, "Sign out other
 * sessions", user removed) or a signed-out session id takes effect at once, whatever the
 * session cookie still says.
 */
const readSession = cache(async (): Promise<{ hasCookie: boolean; user: CurrentUser | null }> => {
  const session = await auth();
  const id = session?.user?.id;
  if (!id) return { hasCookie: false, user: null };
  const { sessionVersion: version = 0, sessionId } = session as { sessionVersion?: number; sessionId?: string };
  const user = await getUserById(id, version, sessionId);
  if (user) return { hasCookie: true, user };
  const renewed = await sessionVersionSetHere(id);
  return { hasCookie: true, user: renewed !== null && renewed !== version ? await getUserById(id, renewed, sessionId) : null };
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

/** This browser's session ends for good, not only its cookie (lib/auth/actions.ts signOutUser). */
export async function endThisSession(): Promise<void> {
  const session = await auth();
  const sessionId = (session as { sessionId?: string } | null)?.sessionId;
  if (!session?.user?.id || !sessionId) return;
  try {
    await endSession(sessionId, session.user.id);
  } catch (error) {
    // The cookie is still deleted: signing out never fails in front of the user.
    log.error({ error: describeError(error) }, "could not end the session in the database");
  }
}

/** Re-issues this browser's session under the user's new session version (lib/auth/session-renewal.ts). */
export async function renewThisSession(userId: string, sessionVersion: number): Promise<void> {
  // Auth.js types the update's data as session fields; the jwt callback reads only the proof.
  await updateSession(sessionRenewal(userId, sessionVersion) as unknown as Partial<Session>);
}
