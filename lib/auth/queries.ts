import { and, eq, isNull } from "drizzle-orm";
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

/** A removed user is no user: their sessions end and they cannot sign in. */
export async function getUserById(id: string): Promise<CurrentUser | null> {
  const [row] = await getDb()
    .select(currentUserColumns)
    .from(users)
    .innerJoin(accounts, eq(accounts.id, users.accountId))
    .where(and(eq(users.id, id), isNull(users.removedAt)));
  return row ?? null;
}

/** The only query that reads a password hash: sign-in needs it, nothing else may. */
export async function getUserCredentials(email: string) {
  const [row] = await getDb()
    .select({ id: users.id, passwordHash: users.passwordHash, sessionVersion: users.sessionVersion })
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
