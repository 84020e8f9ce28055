import { and, eq, isNull, sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { getDb } from "@/db";
import { passwordResets, users } from "@/db/tables";
import { recordAccountChange, type AuditActor } from "@/lib/changes/record-account-change";
import type { Role } from "@/lib/auth/queries";

// Role changes and removal. The invariant: an account keeps at least one admin. Both writes lock
// every live admin row of the account first (FOR UPDATE), so two admins demoting or removing each
// other at the same moment are serialised and the second sees the first's change.

export const LAST_ADMIN = "An account needs at least one admin.";

/** Locks the account's live admins and returns their ids. */
async function lockAdmins(tx: Tx, accountId: string): Promise<string[]> {
  const rows = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.accountId, accountId), eq(users.role, "admin"), isNull(users.removedAt)))
    // One order for every locker: no two transactions hold each other's rows.
    .orderBy(users.id)
    .for("update");
  return rows.map((r) => r.id);
}

async function lockMember(tx: Tx, accountId: string, userId: string) {
  const [row] = await tx
    .select({ id: users.id, name: users.name, role: users.role })
    .from(users)
    .where(and(eq(users.accountId, accountId), eq(users.id, userId), isNull(users.removedAt)))
    .for("update");
  return row ?? null;
}

/** Would this account be left without an admin if `userId` stopped being one? */
async function isLastAdmin(tx: Tx, accountId: string, userId: string): Promise<boolean> {
  const admins = await lockAdmins(tx, accountId);
  return admins.length === 1 && admins[0] === userId;
}

export type MemberOutcome = "done" | "missing" | "last_admin" | "unchanged";

export async function changeMemberRole(accountId: string, actor: AuditActor, userId: string, role: Role): Promise<MemberOutcome> {
  return getDb().transaction(async (tx) => {
    // Admins first, then the member: every writer takes the locks in the same order.
    const lastAdmin = await isLastAdmin(tx, accountId, userId);
    const member = await lockMember(tx, accountId, userId);
    if (!member) return "missing";
    if (member.role === role) return "unchanged";
    if (member.role === "admin" && lastAdmin) return "last_admin";
    await tx.update(users).set({ role }).where(eq(users.id, member.id));
    await recordAccountChange(tx, {
      accountId,
      actor,
      action: "user.role_changed",
      target: { kind: "user", id: member.id, label: member.name },
      detail: { from: member.role, to: role },
    });
    return "done";
  });
}

/**
 * Removal: the row stays (tokens they created still name them, "<name> (removed)"), their
 * sessions end on every instance at once (the session version moves on; a removed user is no
 * user to `getUserById` either), and their unused password-reset links are deleted. Tokens stay:
 * they belong to the account.
 */
export async function removeMember(accountId: string, actor: AuditActor, userId: string): Promise<MemberOutcome> {
  return getDb().transaction(async (tx) => {
    const lastAdmin = await isLastAdmin(tx, accountId, userId);
    const member = await lockMember(tx, accountId, userId);
    if (!member) return "missing";
    if (member.role === "admin" && lastAdmin) return "last_admin";
    await tx
      .update(users)
      .set({ removedAt: sql`now()`, sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(eq(users.id, member.id));
    await tx.delete(passwordResets).where(and(eq(passwordResets.userId, member.id), isNull(passwordResets.usedAt)));
    await recordAccountChange(tx, {
      accountId,
      actor,
      action: "user.removed",
      target: { kind: "user", id: member.id, label: member.name },
      detail: { role: member.role },
    });
    return "done";
  });
}
