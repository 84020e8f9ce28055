import "server-only";
import { and, eq, isNull, sql } from "drizzle-orm";
import { getDb, type Tx } from "@/db";
import { users } from "@/db/tables";

/** For re-checking the current password only; never leaves the server. */
export async function getPasswordHash(userId: string): Promise<string | null> {
  const [row] = await getDb().select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, userId));
  return row?.passwordHash ?? null;
}

/**
 * Raises the user's session version, ending every session issued before (on every instance:
 * each request compares); optionally with a new password. Returns the new version.
 */
export async function endSessions(tx: Tx, userId: string, passwordHash?: string): Promise<number> {
  const [row] = await tx
    .update(users)
    .set({
      sessionVersion: sql`${users.sessionVersion} + 1`,
      ...(passwordHash ? { passwordHash, mustChangePassword: false } : {}),
    })
    .where(and(eq(users.id, userId), isNull(users.removedAt)))
    .returning({ sessionVersion: users.sessionVersion });
  if (!row) throw new Error("The user no longer exists");
  return row.sessionVersion;
}

/** The notice kinds the user opted out of (My account › "Email notices"). */
export async function getNoticeOptOuts(userId: string): Promise<string[]> {
  const [row] = await getDb().select({ optOuts: users.noticeOptOuts }).from(users).where(eq(users.id, userId));
  return row?.optOuts ?? [];
}
