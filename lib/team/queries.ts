import { and, asc, desc, eq, gt, isNull, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { accounts, passwordResets, userInvites, users } from "@/db/tables";
import { isUuid } from "@/lib/uuid";
import { hashLinkCode, looksLikeLinkCode } from "./link-code";

// Every read of the team: tenant data filtered by the account id from the session; lists select
// explicit columns, never a password hash, a TOTP secret or a code hash. A link's code is looked
// up by its hash only.

/** The account's users (removed ones are gone from the team), admins first, then by name. */
export async function listMembers(accountId: string) {
  return getDb()
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
      twoFactorOn: sql<boolean>`${users.totpEnabledAt} is not null`,
      lastSignInAt: users.lastSignInAt,
    })
    .from(users)
    .where(and(eq(users.accountId, accountId), isNull(users.removedAt)))
    .orderBy(asc(users.role), asc(users.name), asc(users.id));
}

export type Member = Awaited<ReturnType<typeof listMembers>>[number];

/** Invites still usable: neither used, cancelled nor expired (by the database's clock). */
export async function listPendingInvites(accountId: string) {
  return getDb()
    .select({ id: userInvites.id, email: userInvites.email, role: userInvites.role, expiresAt: userInvites.expiresAt, createdAt: userInvites.createdAt })
    .from(userInvites)
    .where(and(eq(userInvites.accountId, accountId), pendingInvite()))
    .orderBy(desc(userInvites.createdAt), desc(userInvites.id));
}

export type PendingInvite = Awaited<ReturnType<typeof listPendingInvites>>[number];

export const pendingInvite = () =>
  and(isNull(userInvites.usedAt), isNull(userInvites.cancelledAt), gt(userInvites.expiresAt, sql`now()`));

/** A live user of this account; another account's id answers like one that does not exist. */
export async function getMember(accountId: string, userId: string) {
  if (!isUuid(userId)) return null;
  const [row] = await getDb()
    .select({ id: users.id, name: users.name, email: users.email, role: users.role })
    .from(users)
    .where(and(eq(users.accountId, accountId), eq(users.id, userId), isNull(users.removedAt)));
  return row ?? null;
}

/** The account an invite link joins, while the link is still usable; null for any other code. */
export async function findUsableInvite(code: string) {
  if (!looksLikeLinkCode(code)) return null;
  const [row] = await getDb()
    .select({ accountName: accounts.name, email: userInvites.email, role: userInvites.role })
    .from(userInvites)
    .innerJoin(accounts, eq(accounts.id, userInvites.accountId))
    .where(and(eq(userInvites.codeHash, hashLinkCode(code)), pendingInvite()));
  return row ?? null;
}

/** Whether a password-reset link is still usable (unused, not expired, its user not removed). */
export async function isUsablePasswordReset(code: string): Promise<boolean> {
  if (!looksLikeLinkCode(code)) return false;
  const [row] = await getDb()
    .select({ id: passwordResets.id })
    .from(passwordResets)
    .innerJoin(users, eq(users.id, passwordResets.userId))
    .where(
      and(
        eq(passwordResets.codeHash, hashLinkCode(code)),
        isNull(passwordResets.usedAt),
        gt(passwordResets.expiresAt, sql`now()`),
        isNull(users.removedAt),
      ),
    );
  return Boolean(row);
}
