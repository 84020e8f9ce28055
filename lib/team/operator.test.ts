import { desc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { operatorEvents } from "@/db/tables";
import { currentOperator } from "@/lib/accounts/operator-log";
import { createTestAccount, withTestDatabase } from "@/test/database";
import { addAdmin, auditOf, codeOf } from "@/test/team-fixtures";
import { commands } from "@/lib/cli/commands";
import { isUsablePasswordReset } from "./queries";

withTestDatabase();

describe("the operator's team commands", () => {
  it("list-users lists the account's users", async () => {
    const account = await createTestAccount();
    const out = await commands["list-users"]!(["--account", account.slug]);
    expect(out).toContain(`Test ${account.slug}: 2 user(s)`);
    expect(out).toMatch(new RegExp(`admin\\s+${account.admin.email}\\s+${account.admin.name}\\s+two-factor off\\s+last sign-in never`));
    await expect(commands["list-users"]!(["--account", "no-such-account"])).rejects.toThrow('No account has the slug "no-such-account".');
  });

  it("reset-password-link makes a working link for the admin, recorded in history and the audit log", async () => {
    const account = await createTestAccount();
    const out = await commands["reset-password-link"]!(["--account", account.slug]);
    const link = out.split("\n").at(-1)!;
    expect(out).toContain(`for ${account.admin.name} <${account.admin.email}>`);
    expect(link).toMatch(/^http:\/\/localhost:\d+\/reset-password\/[A-Za-z0-9_-]{43}$/);
    expect(await isUsablePasswordReset(codeOf(link))).toBe(true);
    const [event] = await getDb().select().from(operatorEvents).where(eq(operatorEvents.accountId, account.accountId)).orderBy(desc(operatorEvents.id));
    expect(event).toMatchObject({ action: "user.password_reset_link_created", operator: currentOperator(), detail: { userId: account.admin.id } });
    expect(await auditOf(account.accountId)).toMatchObject([
      { actorKind: "operator", actorName: `Operator (${currentOperator()})`, action: "user.password_reset_link_created", targetLabel: account.admin.name },
    ]);
    expect(JSON.stringify([event, await auditOf(account.accountId)])).not.toContain(codeOf(link));
  });

  it("asks which admin when there are several, and takes --email", async () => {
    const account = await createTestAccount();
    const second = await addAdmin(account.accountId, account.admin.accountName);
    await expect(commands["reset-password-link"]!(["--account", account.slug])).rejects.toThrow(/has 2 admins; choose one with --email/);
    const out = await commands["reset-password-link"]!(["--account", account.slug, "--email", second.email.toUpperCase()]);
    expect(out).toContain(second.email);
    await expect(commands["reset-password-link"]!(["--account", account.slug, "--email", "nobody@x.test"])).rejects.toThrow("has no user with that email");
  });
});
