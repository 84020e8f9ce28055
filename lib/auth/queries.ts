import { and, eq, isNull, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { accounts, roleEnum, users } from "@/db/tables";

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
 * version ends every such session on every instance at once.
 */
export async function getUserById(id: string, sessionVersion?: number): Promise<CurrentUser | null> {
  const [row] = await getDb()
    .select(currentUserColumns)
    .from(users)
    .innerJoin(accounts, eq(accounts.id, users.accountId))
    .where(and(eq(users.id, id), isNull(users.removedAt), sessionVersion === undefined ? undefined : eq(users.sessionVersion, sessionVersion)));
  return row ?? null;
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
