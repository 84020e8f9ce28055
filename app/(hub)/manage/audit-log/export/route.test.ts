import { beforeAll, describe, expect, it } from "vitest";
import { signInAs } from "@/test/next-mocks";
import { getDb } from "@/db";
import { recordAccountChange } from "@/lib/changes/record-account-change";
import { createTestAccount, withTestDatabase, type TestAccount } from "@/test/database";
import { GET } from "./route";

// The audit log's export as the browser calls it: session and role first, then a streamed file
// under the page's filters, formula-safe.
withTestDatabase();

let account: TestAccount;

beforeAll(async () => {
  account = await createTestAccount();
  const user = { kind: "user" as const, id: account.admin.id, name: account.admin.name, ip: "203.0.113.9" };
  await recordAccountChange(getDb(), { accountId: account.accountId, actor: user, action: "token.created", target: { kind: "token", id: "t1", label: '=HYPERLINK("http://evil.test"), "quoted"' }, detail: { type: "activity" }, at: new Date("2026-11-20T10:00:00.123Z") });
  await recordAccountChange(getDb(), { accountId: account.accountId, actor: user, action: "token.revoked", target: { kind: "token", id: "t1", label: "Plain" }, at: new Date("2026-11-21T08:00:00Z") });
  await recordAccountChange(getDb(), { accountId: account.accountId, actor: { kind: "operator", name: "root" }, action: "account.limits_changed", target: { kind: "account", id: account.accountId, label: "Account" }, detail: { maxActiveTokens: 10 }, at: new Date("2026-11-22T08:00:00Z") });
});

const get = (query: string) => GET(new Request(`http://hub.test/manage/audit-log/export?${query}`));

describe("audit log export", () => {
  it("answers 404 to a marketer and a signed-out caller, before any work", async () => {
    signInAs(account.marketer);
    expect((await get("format=csv")).status).toBe(404);
    signInAs(null);
    expect((await get("format=csv")).status).toBe(404);
  });

  it("streams CSV newest first, formula-safe and quoted, never cached", async () => {
    signInAs(account.admin);
    const csv = await get("format=csv");
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(csv.headers.get("cache-control")).toBe("no-store");
    expect(csv.headers.get("content-disposition")).toBe('attachment; filename="audit-log-start-to-now.csv"');
    const lines = (await csv.text()).trimEnd().split("\n");
    expect(lines[0]).toBe("time,actor,actor_kind,action,target_kind,target_id,target,ip,detail");
    expect(lines[1]).toBe(`2026-11-22T08:00:00.000Z,Operator (root),operator,account.limits_changed,account,${account.accountId},Account,,"{""maxActiveTokens"":10}"`);
    expect(lines[3]).toBe(`2026-11-20T10:00:00.123Z,${account.admin.name},user,token.created,token,t1,"'=HYPERLINK(""http://evil.test""), ""quoted""",203.0.113.9,"{""type"":""activity""}"`);
    expect(lines).toHaveLength(4);
  });

  it("honours the filters, as NDJSON too", async () => {
    signInAs(account.admin);
    const byAction = await (await get("format=ndjson&action=token.revoked")).text();
    expect(byAction.trimEnd().split("\n").map((l) => JSON.parse(l).action)).toEqual(["token.revoked"]);
    const byActor = await (await get("format=ndjson&actor=operator")).text();
    expect(byActor.trimEnd().split("\n").map((l) => JSON.parse(l).actor)).toEqual(["Operator (root)"]);
    const byDays = await (await get("format=ndjson&from=2026-11-20&to=2026-11-21")).text();
    expect(byDays.trimEnd().split("\n").map((l) => JSON.parse(l).time)).toEqual(["2026-11-21T08:00:00.000Z", "2026-11-20T10:00:00.123Z"]);
  });

  it("refuses a bad format or filter with a message", async () => {
    signInAs(account.admin);
    expect((await get("format=xlsx")).status).toBe(400);
    const bad = await get("format=csv&action=token.stolen&from=2026-13-01");
    expect(bad.status).toBe(400);
    expect(await bad.text()).toBe("Enter the start date as YYYY-MM-DD. Choose an action from the list.");
  });
});
