import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { auditEvents } from "@/db/tables";
import { insertAccessRows } from "@/lib/governance/queries";
import { hashLookupValue } from "@/lib/governance/value-hash";
import { issueToken } from "@/test/api-fixtures";
import { createTestAccount, withTestDatabase, type TestAccount } from "@/test/database";
import { signInAs } from "@/test/next-mocks";
import { POST } from "./route";

// Customer data access's export as the browser's POST form sends it: session and role first,
// the value in the body only, then a streamed, formula-safe file for a data-subject access request.
withTestDatabase();

const JANE = "jane.remington@demo-retail.test";
let account: TestAccount;
let tokenId: string;

beforeAll(async () => {
  account = await createTestAccount();
  const actor = { id: account.admin.id, name: account.admin.name, accountId: account.accountId, ip: "127.0.0.1" };
  ({ id: tokenId } = await issueToken(actor, { type: "profile_read", description: "=cmd|' /C calc'!A0", exposedAttributes: ["email"], linkingAttribute: "email", ipAllowList: [{ value: "127.0.0.1" }] }));
  const row = (value: string, at: string, outcome: "found" | "withheld", reads: number) => ({
    tokenId, accountId: account.accountId, at: new Date(at), ip: "203.0.113.5", linkingAttribute: "email", valueHash: hashLookupValue(account.accountId, value), outcome, attributes: outcome === "found" ? ["email", "first_name"] : [], reads,
  });
  const recent = (hours: number) => new Date(Date.now() - hours * 3_600_000).toISOString();
  await insertAccessRows([row(JANE, recent(5), "found", 2), row(JANE, recent(1), "withheld", 1), row("someone@else.test", recent(2), "found", 1)]);
});

const post = (fields: Record<string, string>, headers: Record<string, string> = { "sec-fetch-site": "same-origin" }) => {
  const body = new URLSearchParams(fields);
  return POST(new Request("http://hub.test/manage/privacy/export", { method: "POST", body, headers }));
};

describe("customer data access export", () => {
  it("answers 404 to a marketer and a signed-out caller", async () => {
    signInAs(account.marketer);
    expect((await post({ value: JANE, format: "csv" })).status).toBe(404);
    signInAs(null);
    expect((await post({ value: JANE, format: "csv" })).status).toBe(404);
  });

  it("streams the customer's rows as CSV, newest first, formula-safe, never cached; the file name holds no value", async () => {
    signInAs(account.admin);
    const csv = await post({ value: ` ${JANE} `, format: "csv" });
    expect(csv.status).toBe(200);
    expect(csv.headers.get("cache-control")).toBe("no-store");
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(csv.headers.get("content-disposition")).toMatch(/^attachment; filename="customer-data-access-\d{4}-\d{2}-\d{2}\.csv"$/);
    const lines = (await csv.text()).trimEnd().split("\n");
    expect(lines[0]).toBe("time,token,token_id,purpose,ip,linking_attribute,outcome,attributes,reads");
    expect(lines.slice(1)).toEqual([
      expect.stringMatching(new RegExp(`^\\S+Z,'=cmd\\|' /C calc'!A0,${tokenId},Personalisation,203\\.0\\.113\\.5,email,withheld,,1$`)),
      expect.stringMatching(new RegExp(`^\\S+Z,'=cmd\\|' /C calc'!A0,${tokenId},Personalisation,203\\.0\\.113\\.5,email,found,email first_name,2$`)),
    ]);
  });

  it("streams NDJSON, and records the export on the audit log without the value", async () => {
    signInAs(account.admin);
    const ndjson = await (await post({ value: JANE, format: "ndjson" })).text();
    expect(ndjson.trimEnd().split("\n").map((line) => JSON.parse(line))).toEqual([
      expect.objectContaining({ token_id: tokenId, outcome: "withheld", attributes: [] }),
      expect.objectContaining({ token_id: tokenId, outcome: "found", attributes: ["email", "first_name"], reads: 2, purpose: "Personalisation" }),
    ]);
    const audit = await getDb().select().from(auditEvents).where(eq(auditEvents.accountId, account.accountId));
    expect(audit.filter((r) => r.action === "privacy.customer_exported").length).toBeGreaterThan(0);
    expect(JSON.stringify(audit)).not.toContain("jane");
  });

  it("refuses a cross-site form, a missing value and a bad format with a message", async () => {
    signInAs(account.admin);
    expect((await post({ value: JANE, format: "csv" }, { "sec-fetch-site": "cross-site" })).status).toBe(403);
    const empty = await post({ value: " ", format: "csv" });
    expect(empty.status).toBe(400);
    expect(await empty.text()).toBe("Enter the customer's email or customer ID.");
    expect((await post({ value: JANE, format: "xlsx" })).status).toBe(400);
  });
});
