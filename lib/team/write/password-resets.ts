import { and, eq, isNull, sql } from "drizzle-orm";
import { getDb, type Tx } from "@/db";
import { passwordResets, users } from "@/db/tables";
import { recordAccountChange, type AuditActor } from "@/lib/changes/record-account-change";
import { hashLinkCode, looksLikeLinkCode, PASSWORD_RESET_HOURS, type LinkCode } from "../link-code";

// One-time password-reset links (1 hour), made by an admin or the operator CLI. A new link
// replaces the user's earlier unused ones: only the newest link works.

/** A reset link for a live user of this account; false when there is no such user. */
export async function createPasswordReset(
  accountId: string,
  actor: AuditActor,
  userId: string,
  code: LinkCode,
  /** More to write in the same transaction (the operator's own record). */
  alsoWrite?: (tx: Tx) => Promise<void>,
): Promise<boolean> {
  return getDb().transaction(async (tx) => {
    const [member] = await tx
      .select({ id: users.id, name: users.name })
      .from(users)
      .where(and(eq(users.accountId, accountId), eq(users.id, userId), isNull(users.removedAt)));
    if (!member) return false;
    await tx.delete(passwordResets).where(and(eq(passwordResets.userId, member.id), isNull(passwordResets.usedAt)));
    await tx.insert(passwordResets).values({
      userId: member.id,
      codeHash: code.hash,
      createdById: actor.kind === "user" ? actor.id : null,
      expiresAt: sql`now() + make_interval(hours => ${PASSWORD_RESET_HOURS})`,
    });
    await recordAccountChange(tx, {
      accountId,
      actor,
      action: "user.password_reset_link_created",
      target: { kind: "user", id: member.id, label: member.name },
    });
    await alsoWrite?.(tx);
    return true;
  });
}

/**
 * Sets a new password through a reset link. The guarded UPDATE marks the link used (unused, not
 * expired) so it works once; in the same transaction the user's sessions end (the version moves
 * on) and a first-sign-in "choose a new password" is satisfied.
 */
export async function usePasswordReset(code: string, passwordHash: string, ip: string | null): Promise<boolean> {
  if (!looksLikeLinkCode(code)) return false;
  return getDb().transaction(async (tx) => {
    const [link] = await tx
      .update(passwordResets)
      .set({ usedAt: sql`now()` })
      .where(and(eq(passwordResets.codeHash, hashLinkCode(code)), isNull(passwordResets.usedAt), sql`${passwordResets.expiresAt} > now()`))
      .returning({ userId: passwordResets.userId });
    if (!link) return false;
    const [user] = await tx
      .update(users)
      .set({ passwordHash, sessionVersion: sql`${users.sessionVersion} + 1`, mustChangePassword: false })
      .where(and(eq(users.id, link.userId), isNull(users.removedAt)))
      .returning({ id: users.id, name: users.name, accountId: users.accountId });
    // A removed user's links are deleted at removal; should one remain, it changes nothing.
    if (!user) return false;
    await recordAccountChange(tx, {
      accountId: user.accountId,
      actor: { kind: "user", id: user.id, name: user.name, ip },
      action: "user.password_reset",
      target: { kind: "user", id: user.id, label: user.name },
    });
    return true;
  });
}
