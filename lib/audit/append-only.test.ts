import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { accounts, auditEvents } from "@/db/tables";
import { recordAccountChange } from "@/lib/changes/record-account-change";
import { createTestAccount, withTestDatabase } from "@/test/database";
import { deleteExpiredAuditRows } from "./queries";

// The database itself keeps the audit log append-only (migration audit_append_only), on real
// Postgres and on PGlite alike: Vitest runs this file on both.
withTestDatabase();

const DAY_MS = 86_400_000;

async function rowAged(accountId: string, days: number, action = "account.settings_changed") {
  await recordAccountChange(getDb(), { accountId, actor: { kind: "system", name: "System" }, action, at: new Date(Date.now() - days * DAY_MS) });
  const [row] = await getDb().select({ id: auditEvents.id }).from(auditEvents).where(eq(auditEvents.accountId, accountId)).orderBy(sql`${auditEvents.id} desc`).limit(1);
  return row!.id;
}

/** The operator's setting, as `set-limits --audit-log-retention-days` stores it (lib/accounts/limits.test.ts runs the command's path). */
const keepFor = (accountId: string, days: number) => getDb().update(accounts).set({ auditLogRetentionDays: days }).where(eq(accounts.id, accountId));

const rowsOf = async (accountId: string) => (await getDb().select({ id: auditEvents.id }).from(auditEvents).where(eq(auditEvents.accountId, accountId))).map((r) => r.id);

/** The database's refusal, as drizzle wraps it (the trigger's message is on the cause). */
async function refusal(statement: Promise<unknown>): Promise<string> {
  const error = await statement.then(
    () => null,
    (e: unknown) => e as Error & { cause?: Error },
  );
  expect(error, "the statement should have been refused").not.toBeNull();
  return `${error!.message} ${error!.cause?.message ?? ""}`;
}

describe("audit_events is append-only", () => {
  it("refuses UPDATE, even of an old row", async () => {
    const { accountId } = await createTestAccount();
    const id = await rowAged(accountId, 400);
    expect(await refusal(getDb().update(auditEvents).set({ actorName: "Someone else" }).where(eq(auditEvents.id, id)))).toContain("append-only");
    const [row] = await getDb().select({ actorName: auditEvents.actorName }).from(auditEvents).where(eq(auditEvents.id, id));
    expect(row!.actorName).toBe("System");
  });

  it("refuses DELETE outside the retention job, even of a row past retention", async () => {
    const { accountId } = await createTestAccount();
    const old = await rowAged(accountId, 400);
    const recent = await rowAged(accountId, 1);
    expect(await refusal(getDb().delete(auditEvents).where(eq(auditEvents.id, old)))).toContain("append-only");
    expect(await refusal(getDb().delete(auditEvents).where(eq(auditEvents.accountId, accountId)))).toContain("append-only");
    expect(await rowsOf(accountId)).toEqual(expect.arrayContaining([old, recent]));
  });

  it("refuses TRUNCATE", async () => {
    expect(await refusal(getDb().execute(sql`truncate audit_events`))).toContain("append-only");
  });

  it("lets the retention job delete only rows past each account's own retention", async () => {
    const byDefault = await createTestAccount();
    const month = await createTestAccount();
    await keepFor(month.accountId, 30);
    const old = await rowAged(byDefault.accountId, 366);
    const kept = await rowAged(byDefault.accountId, 364);
    await rowAged(month.accountId, 31);
    const keptMonth = await rowAged(month.accountId, 29);
    await deleteExpiredAuditRows(5_000);
    expect(await rowsOf(byDefault.accountId)).toEqual([kept]);
    expect(await rowsOf(month.accountId)).toEqual([keptMonth]);
    expect(old).toBeLessThan(kept);
  });

  it("keeps rows past 365 days for an account that keeps its log longer", async () => {
    const { accountId } = await createTestAccount();
    await keepFor(accountId, 730);
    const year = await rowAged(accountId, 400);
    await rowAged(accountId, 731);
    await deleteExpiredAuditRows(5_000);
    expect(await rowsOf(accountId)).toEqual([year]);
  });

  it("deletes in batches of the size asked", async () => {
    const { accountId } = await createTestAccount();
    await keepFor(accountId, 30);
    for (let i = 0; i < 3; i++) await rowAged(accountId, 40 + i);
    const kept = await rowAged(accountId, 1);
    // Other files' rows past their retention may be deleted too (one database): count only ours.
    while ((await rowsOf(accountId)).length > 1) expect(await deleteExpiredAuditRows(2)).toBeLessThanOrEqual(2);
    expect(await rowsOf(accountId)).toEqual([kept]);
  });

  it("refuses a row younger than its account's retention even to a transaction that says it is the retention job", async () => {
    const month = await createTestAccount();
    await keepFor(month.accountId, 30);
    const recent = await rowAged(month.accountId, 29);
    const longer = await createTestAccount();
    await keepFor(longer.accountId, 730);
    // Past the default 365 days, but not past this account's 730.
    const year = await rowAged(longer.accountId, 400);
    for (const id of [recent, year]) {
      const attempt = getDb().transaction(async (tx) => {
        await tx.execute(sql`set local hub.audit_retention = 'on'`);
        await tx.delete(auditEvents).where(eq(auditEvents.id, id));
      });
      expect(await refusal(attempt)).toContain("append-only");
    }
    expect(await rowsOf(month.accountId)).toEqual([recent]);
    expect(await rowsOf(longer.accountId)).toEqual([year]);
  });

  it("lets a deleted account take its log with it (ON DELETE CASCADE)", async () => {
    const { accountId } = await createTestAccount();
    await rowAged(accountId, 1);
    await getDb().delete(accounts).where(eq(accounts.id, accountId));
    expect(await rowsOf(accountId)).toEqual([]);
  });
});
