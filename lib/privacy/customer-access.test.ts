import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { apiTokens, auditEvents } from "@/db/tables";
import { insertAccessRows, type AccessOutcome } from "@/lib/governance/queries";
import { hashLookupValue } from "@/lib/governance/value-hash";
import { issueToken } from "@/test/api-fixtures";
import { createTestAccount, withTestDatabase, type TestAccount } from "@/test/database";
import { signInAs } from "@/test/next-mocks";
import { lookUpCustomer } from "./actions";

// Customer data access (PRODUCT.md §11): every token of the account that read one customer, from
// the access log, by the typed value's keyed hash; never another account's reads.
withTestDatabase();

const JANE = "jane.remington@demo-retail.test";
const SAM = "sam.okafor@demo-retail.test";
let account: TestAccount;

async function profileToken(owner: TestAccount, description: string) {
  const actor = { id: owner.admin.id, name: owner.admin.name, accountId: owner.accountId, ip: "127.0.0.1" };
  const { id } = await issueToken(actor, { type: "profile_read", description, exposedAttributes: ["email"], linkingAttribute: "email", ipAllowList: [{ value: "127.0.0.1" }] });
  return id;
}

const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000);
function read(owner: TestAccount, tokenId: string, value: string, at: Date, reads: number, attributes: string[], outcome: AccessOutcome = "found") {
  return { tokenId, accountId: owner.accountId, at, ip: "203.0.113.5", linkingAttribute: "email", valueHash: hashLookupValue(owner.accountId, value), outcome, attributes: outcome === "found" ? attributes : [], reads };
}

const form = (value: string) => {
  const data = new FormData();
  data.set("value", value);
  return data;
};
const lookUp = (value: string) => lookUpCustomer(null, form(value));

beforeEach(async () => {
  account = await createTestAccount();
  signInAs(account.admin);
});

describe("Customer data access", () => {
  it("lists every token that read Jane, with counts, first and last read, purpose and attributes; not Sam's reader", async () => {
    const website = await profileToken(account, "Website personalisation");
    const support = await profileToken(account, "Support desk");
    const samOnly = await profileToken(account, "Sam's reader");
    await getDb().update(apiTokens).set({ purpose: "service" }).where(eq(apiTokens.id, support));
    const [w1, w2, s1] = [hoursAgo(50), hoursAgo(3), hoursAgo(20)];
    await insertAccessRows([
      read(account, website, JANE, w1, 2, ["email"]),
      read(account, website, JANE, w2, 3, ["email", "first_name"]),
      read(account, support, JANE, s1, 1, ["email", "loyalty_tier"]),
      // Not reads of Jane: another value, and a lookup of hers that found nobody.
      read(account, samOnly, SAM, hoursAgo(1), 5, ["email"]),
      read(account, samOnly, JANE, hoursAgo(1), 1, [], "not_found"),
    ]);

    const answer = await lookUp(` ${JANE} `);
    expect(answer).toEqual({
      ok: true,
      data: {
        days: 90,
        tokens: [
          { tokenId: website, description: "Website personalisation", purpose: "Personalisation", reads: 5, firstRead: w1, lastRead: w2, attributes: ["email", "first_name"], withheld: 0 },
          { tokenId: support, description: "Support desk", purpose: "Customer service", reads: 1, firstRead: s1, lastRead: s1, attributes: ["email", "loyalty_tier"], withheld: 0 },
        ],
      },
    });
    const sam = await lookUp(SAM);
    expect(sam.ok && sam.data.tokens.map((t) => [t.description, t.reads])).toEqual([["Sam's reader", 5]]);
  });

  it("never shows another account's reads, though they are of the same customer", async () => {
    const ours = await profileToken(account, "Ours");
    const other = await createTestAccount();
    const theirs = await profileToken(other, "Theirs");
    await insertAccessRows([read(account, ours, JANE, hoursAgo(2), 1, ["email"]), read(other, theirs, JANE, hoursAgo(1), 9, ["email"])]);
    // Their row under our key's hash too: the account id, not the hash alone, keeps it out.
    await insertAccessRows([{ ...read(other, theirs, JANE, hoursAgo(1), 4, ["email"]), valueHash: hashLookupValue(account.accountId, JANE) }]);

    const mine = await lookUp(JANE);
    expect(mine.ok && mine.data.tokens.map((t) => [t.description, t.reads])).toEqual([["Ours", 1]]);
    signInAs(other.admin);
    const theirsAnswer = await lookUp(JANE);
    expect(theirsAnswer.ok && theirsAnswer.data.tokens.map((t) => [t.description, t.reads])).toEqual([["Theirs", 9]]);
  });

  it("lists a token refused the customer for lack of consent with no reads, and leaves out rows past the retention", async () => {
    const analytics = await profileToken(account, "Analytics feed");
    const old = await profileToken(account, "Long ago");
    await insertAccessRows([
      read(account, analytics, SAM, hoursAgo(5), 2, [], "withheld"),
      read(account, old, SAM, new Date(Date.now() - 91 * 86_400_000), 1, ["email"]),
    ]);
    const answer = await lookUp(SAM);
    expect(answer).toEqual({
      ok: true,
      data: { days: 90, tokens: [{ tokenId: analytics, description: "Analytics feed", purpose: "Personalisation", reads: 0, firstRead: null, lastRead: null, attributes: [], withheld: 2 }] },
    });
  });

  it("records the lookup on the audit log without the value", async () => {
    const token = await profileToken(account, "Audited reader");
    await insertAccessRows([read(account, token, JANE, hoursAgo(1), 1, ["email"])]);
    await lookUp(JANE);
    const rows = await getDb().select().from(auditEvents).where(and(eq(auditEvents.accountId, account.accountId), eq(auditEvents.action, "privacy.customer_looked_up")));
    expect(rows).toEqual([expect.objectContaining({ actorId: account.admin.id, detail: { tokens: 1 }, targetId: null })]);
    expect(JSON.stringify(rows)).not.toContain("jane");
    expect(JSON.stringify(rows)).not.toContain(hashLookupValue(account.accountId, JANE));
  });

  it("asks for a value, refuses marketers, and allows 20 lookups a minute per user", async () => {
    expect(await lookUp("  ")).toEqual({ ok: false, fieldErrors: { value: "Enter the customer's email or customer ID." } });
    signInAs(account.marketer);
    expect(await lookUp(JANE)).toEqual({ ok: false, formError: "Only admins can look up customer data access." });
    signInAs(account.admin);
    for (let i = 0; i < 20; i++) expect((await lookUp(`guess-${i}@example.test`)).ok).toBe(true);
    expect(await lookUp(JANE)).toEqual({ ok: false, formError: expect.stringMatching(/^Too many lookups: at most 20 a minute\. Try again in \d+ seconds?\.$/) });
    signInAs({ ...account.admin, id: randomUUID() });
    expect((await lookUp(JANE)).ok).toBe(true);
  });
});
