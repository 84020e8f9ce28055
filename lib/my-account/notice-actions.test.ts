import { and, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { signInAs } from "@/test/next-mocks";
import { getDb } from "@/db";
import { auditEvents, users } from "@/db/tables";
import { NOTICE_KEYS } from "@/lib/notices/kinds";
import { createTestAccount, withTestDatabase, type TestAccount } from "@/test/database";
import { saveEmailNotices } from "./notice-actions";

withTestDatabase();

let account: TestAccount;
beforeEach(async () => {
  account = await createTestAccount();
});

const optOutsOf = async (userId: string) => (await getDb().select({ o: users.noticeOptOuts }).from(users).where(eq(users.id, userId)))[0]!.o;
const audited = () => getDb().select({ actorId: auditEvents.actorId, detail: auditEvents.detail }).from(auditEvents).where(and(eq(auditEvents.accountId, account.accountId), eq(auditEvents.action, "user.notices_changed")));

describe("saveEmailNotices", () => {
  it("stores what an admin unticked as their opt-outs, once in the audit log, and ticks it back", async () => {
    signInAs(account.admin);
    const receive = NOTICE_KEYS.filter((k) => k !== "token.expiring" && k !== "token.paused");
    expect(await saveEmailNotices({ receive })).toEqual({ ok: true, data: undefined });
    expect((await optOutsOf(account.admin.id)).sort()).toEqual(["token.expiring", "token.paused"]);
    // The same choice again records nothing new.
    expect(await saveEmailNotices({ receive: [...receive].reverse() })).toEqual({ ok: true, data: undefined });
    expect(await audited()).toEqual([{ actorId: account.admin.id, detail: { opted_out: ["token.expiring", "token.paused"] } }]);
    expect(await saveEmailNotices({ receive: [...NOTICE_KEYS] })).toEqual({ ok: true, data: undefined });
    expect(await optOutsOf(account.admin.id)).toEqual([]);
  });

  it("refuses a marketer, and a kind that does not exist, writing nothing", async () => {
    signInAs(account.marketer);
    expect(await saveEmailNotices({ receive: [] })).toEqual({ ok: false, formError: "Email notices are for admins." });
    signInAs(account.admin);
    const bad = await saveEmailNotices({ receive: ["token.exposed", "token.everything"] as never });
    expect(bad).toMatchObject({ ok: false, fieldErrors: { "receive.1": "Choose among the notices listed" } });
    expect(await saveEmailNotices({ receive: ["token.exposed", "token.exposed"] })).toMatchObject({ ok: false });
    expect(await optOutsOf(account.admin.id)).toEqual([]);
    expect(await optOutsOf(account.marketer.id)).toEqual([]);
    expect(await audited()).toEqual([]);
  });
});
