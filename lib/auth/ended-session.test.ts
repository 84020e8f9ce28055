import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { endedSessions } from "@/db/tables";
import { createTestAccount, withTestDatabase } from "@/test/database";
import { endSession, getUserById } from "./queries";

withTestDatabase();

describe("endSession (sign out)", () => {
  it("ends that session only: a cookie put back afterwards names no user, the user's other sessions go on", async () => {
    const { admin } = await createTestAccount();
    const [signedOut, other] = [randomUUID(), randomUUID()];
    expect(await getUserById(admin.id, 0, signedOut)).toMatchObject({ id: admin.id });
    await endSession(signedOut, admin.id);
    await endSession(signedOut, admin.id); // a second sign-out of the same session is harmless
    expect(await getUserById(admin.id, 0, signedOut)).toBeNull();
    expect(await getUserById(admin.id, 0, other)).toMatchObject({ id: admin.id });
  });

  it("forgets sessions ended longer ago than a cookie can live", async () => {
    const { admin } = await createTestAccount();
    const [old, recent] = [randomUUID(), randomUUID()];
    const now = Date.now();
    await endSession(old, admin.id, new Date(now - 9 * 60 * 60 * 1000));
    await endSession(recent, admin.id, new Date(now));
    const kept = await getDb().select({ id: endedSessions.sessionId }).from(endedSessions).where(eq(endedSessions.userId, admin.id));
    expect(kept).toEqual([{ id: recent }]);
  });
});
