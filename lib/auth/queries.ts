import { and, eq, isNull, lt, notExists, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { accounts, endedSessions, roleEnum, users } from "@/db/tables";
import { SESSION_MAX_AGE_SECONDS } from "./config";

export type Role = (typeof roleEnum.enumValues)[number];

export interface CurrentUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  accountId: string;
  accountName: string;
}

const currentUserColumns = {
  id: users.id,
  email: users.email,
  name: users.name,
  role: users.role,
  accountId: users.accountId,
  accountName: accounts.name,
};

/**
 * A removed user is no user: their sessions end and they cannot sign in. With `sessionVersion`
 * (a session's), a session issued under an older version is no user either: raising the
 * version ends every such session on every instance at once. With `sessionId`, a session its
 * browser signed out (endSession) is no user either.
 */
export async function getUserById(id: string, sessionVersion?: number, sessionId?: string): Promise<CurrentUser | null> {
  const db = getDb();
  const [row] = await db
    .select(currentUserColumns)
    .from(users)
    .innerJoin(accounts, eq(accounts.id, users.accountId))
    .where(
      and(
        eq(users.id, id),
        isNull(users.removedAt),
        sessionVersion === undefined ? undefined : eq(users.sessionVersion, sessionVersion),
        sessionId === undefined ? undefined : notExists(db.select({ one: sql`1` }).from(endedSessions).where(eq(endedSessions.sessionId, sessionId))),
      ),
    );
  return row ?? null;
}

/**
 * Ends one session (sign out): from now on its id names no user, on every instance, even if a
 * response still in flight puts its cookie back (a cookie re-issued then lives at most
 * SESSION_MAX_AGE_SECONDS, and any console request meets the ended id and clears it). Forgets
 * sessions ended longer ago.
 */
export async function endSession(sessionId: string, userId: string, now = new Date()): Promise<void> {
  const db = getDb();
  const keepUntil = new Date(now.getTime() + SESSION_MAX_AGE_SECONDS * 1000);
  await db.insert(endedSessions).values({ sessionId, userId, keepUntil }).onConflictDoNothing();
  await db.delete(endedSessions).where(lt(endedSessions.keepUntil, now));
}

/** The only query that reads a password hash: sign-in needs it, nothing else may. */
export async function getUserCredentials(email: string) {
  const [row] = await getDb()
    .select({ id: users.id, passwordHash: users.passwordHash, sessionVersion: users.sessionVersion, twoFactorOn: sql<boolean>`${users.totpEnabledAt} is not null` })
    .from(users)
    .where(and(eq(users.email, email), isNull(users.removedAt)));
  return row ?? null;
}

/** What a known-device cookie is bound to besides the email: bumped by a password change. */
export async function getSessionVersion(email: string): Promise<number | null> {
  const [row] = await getDb()
    .select({ sessionVersion: users.sessionVersion })
    .from(users)
    .where(and(eq(users.email, email), isNull(users.removedAt)));
  return row?.sessionVersion ?? null;
}
