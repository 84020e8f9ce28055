import { and, eq, isNull, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { userInvites, users } from "@/db/tables";
import { recordAccountChange, type AuditActor } from "@/lib/changes/record-account-change";
import { roleLabels } from "../schema";
import { hashLinkCode, INVITE_DAYS, looksLikeLinkCode, type LinkCode } from "../link-code";
import { isUniqueViolation } from "./unique-violation";
import type { Role } from "@/lib/auth/queries";

// Invites: made by an admin, used once by the person invited. Audit rows name an invite by its
// role ("Invite (Marketer)"), never by the email: an address is personal.

const inviteLabel = (role: Role) => `Invite (${roleLabels[role]})`;

const liveUserWithEmail = (email: string) => and(eq(users.email, email), isNull(users.removedAt));

export type CreateInviteOutcome = { ok: true; inviteId: string } | { ok: false; reason: "email_taken" };

/**
 * A new invite for `email`, valid 7 days. A pending invite for the same email in this account is
 * cancelled by it (re-inviting replaces the old link, which stops working).
 */
export async function createInvite(
  accountId: string,
  actor: AuditActor & { kind: "user" },
  invite: { email: string; role: Role },
  code: LinkCode,
): Promise<CreateInviteOutcome> {
  return getDb().transaction(async (tx) => {
    const [taken] = await tx.select({ id: users.id }).from(users).where(liveUserWithEmail(invite.email));
    if (taken) return { ok: false, reason: "email_taken" };
    const replaced = await tx
      .update(userInvites)
      .set({ cancelledAt: sql`now()` })
      .where(and(eq(userInvites.accountId, accountId), eq(userInvites.email, invite.email), isNull(userInvites.usedAt), isNull(userInvites.cancelledAt)))
      .returning({ id: userInvites.id });
    const [row] = await tx
      .insert(userInvites)
      .values({
        accountId,
        email: invite.email,
        role: invite.role,
        codeHash: code.hash,
        invitedById: actor.id,
        expiresAt: sql`now() + make_interval(days => ${INVITE_DAYS})`,
      })
      .returning({ id: userInvites.id });
    const inviteId = row!.id;
    await recordAccountChange(tx, {
      accountId,
      actor,
      action: "user.invited",
      target: { kind: "invite", id: inviteId, label: inviteLabel(invite.role) },
      detail: { role: invite.role, replacedPendingInvite: replaced.length > 0 },
    });
    return { ok: true, inviteId };
  });
}

/** Cancels a pending invite of this account; false when there is none by that id (any more). */
export async function cancelInvite(accountId: string, actor: AuditActor, inviteId: string): Promise<boolean> {
  return getDb().transaction(async (tx) => {
    const [row] = await tx
      .update(userInvites)
      .set({ cancelledAt: sql`now()` })
      .where(
        and(
          eq(userInvites.accountId, accountId),
          eq(userInvites.id, inviteId),
          isNull(userInvites.usedAt),
          isNull(userInvites.cancelledAt),
        ),
      )
      .returning({ id: userInvites.id, role: userInvites.role });
    if (!row) return false;
    await recordAccountChange(tx, {
      accountId,
      actor,
      action: "user.invite_cancelled",
      target: { kind: "invite", id: row.id, label: inviteLabel(row.role) },
      detail: { role: row.role },
    });
    return true;
  });
}

export type AcceptInviteOutcome = { ok: true; userId: string; email: string } | { ok: false; reason: "invalid" | "email_taken" };

/**
 * Joins the account an invite names: the user is created and the invite marked used in one
 * transaction. The guarded UPDATE is the single-use guarantee: of two concurrent uses, the second
 * waits on the first's row lock, then finds `used_at` set and changes nothing.
 */
export async function acceptInvite(code: string, person: { name: string; passwordHash: string; ip: string | null }): Promise<AcceptInviteOutcome> {
  if (!looksLikeLinkCode(code)) return { ok: false, reason: "invalid" };
  try {
    return await getDb().transaction(async (tx): Promise<AcceptInviteOutcome> => {
      const [invite] = await tx
        .update(userInvites)
        .set({ usedAt: sql`now()` })
        .where(
          and(
            eq(userInvites.codeHash, hashLinkCode(code)),
            isNull(userInvites.usedAt),
            isNull(userInvites.cancelledAt),
            sql`${userInvites.expiresAt} > now()`,
          ),
        )
        .returning({ id: userInvites.id, accountId: userInvites.accountId, email: userInvites.email, role: userInvites.role });
      if (!invite) return { ok: false, reason: "invalid" };
      const [user] = await tx
        .insert(users)
        .values({ accountId: invite.accountId, email: invite.email, name: person.name, role: invite.role, passwordHash: person.passwordHash })
        .returning({ id: users.id });
      const userId = user!.id;
      await tx.update(userInvites).set({ usedById: userId }).where(eq(userInvites.id, invite.id));
      await recordAccountChange(tx, {
        accountId: invite.accountId,
        actor: { kind: "user", id: userId, name: person.name, ip: person.ip },
        action: "user.joined",
        target: { kind: "user", id: userId, label: person.name },
        detail: { role: invite.role },
      });
      return { ok: true, userId, email: invite.email };
    });
  } catch (error) {
    // The email became a live user (invited twice, or elsewhere) since the invite was made.
    if (isUniqueViolation(error)) return { ok: false, reason: "email_taken" };
    throw error;
  }
}
