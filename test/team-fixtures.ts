import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { getDb } from "@/db";
import { auditEvents, passwordResets, userInvites, users } from "@/db/tables";
import type { TestUser } from "./accounts";

/** Another live admin in the same account. */
export async function addAdmin(accountId: string, accountName: string): Promise<TestUser> {
  const email = `admin-${randomUUID().slice(0, 8)}@team.test`;
  const name = `Second admin ${email.slice(6, 14)}`;
  const [row] = await getDb().insert(users).values({ accountId, email, name, role: "admin", passwordHash: "not-a-hash" }).returning({ id: users.id });
  return { id: row!.id, email, name, role: "admin", accountId, accountName };
}

/** Everything the team writes for an account: what a refused action must leave unchanged. */
export async function teamSnapshot(accountId: string) {
  const db = getDb();
  return {
    users: await db.select().from(users).where(eq(users.accountId, accountId)).orderBy(users.id),
    invites: await db.select().from(userInvites).where(eq(userInvites.accountId, accountId)).orderBy(userInvites.id),
    resets: await db.select({ id: passwordResets.id, usedAt: passwordResets.usedAt }).from(passwordResets).innerJoin(users, eq(users.id, passwordResets.userId)).where(eq(users.accountId, accountId)),
    audit: await db.select().from(auditEvents).where(eq(auditEvents.accountId, accountId)).orderBy(auditEvents.id),
  };
}

export const auditOf = (accountId: string) => getDb().select().from(auditEvents).where(eq(auditEvents.accountId, accountId)).orderBy(auditEvents.id);

/** The code at the end of a link the console showed. */
export const codeOf = (link: string) => link.split("/").pop()!;
