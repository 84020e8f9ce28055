import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { accounts } from "@/db/tables";
import { formatDateTime } from "@/lib/format";
import { signInAs } from "@/test/next-mocks";
import { createTestAccount, withTestDatabase, type TestAccount } from "@/test/database";
import { issueToken } from "@/test/api-fixtures";
import { AccessLogRecorder } from "./access-log";
import { searchAccessLog } from "./actions";
import { insertAccessRows, listAccessLog, type AccessOutcome } from "./queries";
import { hashLookupValue, legacyLookupHash } from "./value-hash";

// "Was this customer read?" and the key behind it: one key per account, the answer in the
// action's result (never a URL), and a budget per user.
withTestDatabase();

const JANE = "jane.remington@demo-retail.test";
let account: TestAccount;
let tokenId: string;

async function governedToken(owner: TestAccount) {
  const actor = { id: owner.admin.id, name: owner.admin.name, accountId: owner.accountId, ip: "127.0.0.1" };
  const issued = await issueToken(actor, { type: "profile_read", description: "Governed", exposedAttributes: ["email"], linkingAttribute: "email", ipAllowList: [{ value: "127.0.0.1" }] });
  return { id: issued.id, accountId: owner.accountId, exposedAttributes: ["email"] };
}

beforeEach(async () => {
  account = await createTestAccount();
  signInAs(account.admin);
  ({ id: tokenId } = await governedToken(account));
});

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
};
const search = (value: string) => searchAccessLog(tokenId, null, form({ value }));

describe("the access log's hash key", () => {
  it("is the account's own: one value read in two accounts is stored under two unrelated hashes", async () => {
    const other = await createTestAccount();
    const theirs = await governedToken(other);
    const ours = { id: tokenId, accountId: account.accountId, exposedAttributes: ["email"] };
    const recorder = new AccessLogRecorder();
    recorder.record(ours, "127.0.0.1", "email", JANE, "one");
    recorder.record(theirs, "127.0.0.1", "email", JANE, "one");
    await recorder.flush();
    const [mine] = await listAccessLog(account.accountId, tokenId, {}, null, 1);
    const [their] = await listAccessLog(other.accountId, theirs.id, {}, null, 1);
    expect(mine!.valueHash).toMatch(/^[0-9a-f]{64}$/);
    expect(their!.valueHash).toMatch(/^[0-9a-f]{64}$/);
    expect(mine!.valueHash).not.toBe(their!.valueHash);
    // Neither is the old shared key's hash, which anyone's search used to reveal.
    expect([mine!.valueHash, their!.valueHash]).not.toContain(legacyLookupHash(JANE));
  });
});

describe("Was this customer read?", () => {
  const SAM = "sam.okafor@demo-retail.test";
  const row = (valueHash: string, at: string, outcome: AccessOutcome, reads: number, token = tokenId) => ({
    tokenId: token,
    accountId: account.accountId,
    at: new Date(at),
    ip: "127.0.0.1",
    linkingAttribute: "email",
    valueHash,
    outcome,
    attributes: outcome === "found" ? ["email"] : [],
    reads,
  });
  const daysAgo = (days: number, hour = 0) => new Date(Date.now() - days * 86_400_000 + hour * 3_600_000).toISOString();

  it("answers in words: found reads summed, first and last; only the matching rows, nothing in a URL", async () => {
    const recorder = new AccessLogRecorder();
    const token = { id: tokenId, accountId: account.accountId, exposedAttributes: ["email"] };
    recorder.record(token, "127.0.0.1", "email", "someone@else.test", "none");
    await recorder.flush();
    const jane = hashLookupValue(account.accountId, JANE);
    const first = new Date(Date.parse(daysAgo(10)));
    const last = new Date(Date.parse(daysAgo(2)));
    const middle = daysAgo(5);
    await insertAccessRows([row(jane, first.toISOString(), "found", 3), row(jane, middle, "found", 1), row(jane, last.toISOString(), "found", 2)]);
    // Another token of the account read her too: not this token's reads.
    const other = await governedToken(account);
    await insertAccessRows([row(jane, daysAgo(1), "found", 7, other.id)]);

    const found = await search(` ${JANE} `);
    expect(found).toEqual({
      ok: true,
      data: { answer: `Yes: read 6 times, first ${formatDateTime(first)}, last ${formatDateTime(last)}.`, note: null, rows: expect.any(Array), total: 3 },
    });
    expect(found.ok && found.data.rows.map((r) => [r.at.toISOString(), r.reads])).toEqual([
      [last.toISOString(), 2],
      [middle, 1],
      [first.toISOString(), 3],
    ]);
    expect(await search("nobody@else.test")).toEqual({
      ok: true,
      data: { answer: "No: this token has not read that value in the last 90 days.", note: null, rows: [], total: 0 },
    });
  });

  it("counts no withheld lookup as a read: only withheld rows still answer No, and say what happened", async () => {
    const sam = hashLookupValue(account.accountId, SAM);
    await insertAccessRows([row(sam, daysAgo(3), "withheld", 2), row(sam, daysAgo(4), "withheld", 1)]);
    const answer = await search(SAM);
    expect(answer).toEqual({
      ok: true,
      data: {
        answer: "No: this token has not read that value in the last 90 days.",
        note: "Withheld 3 times: the customer has not consented to this token's purpose, so those lookups returned nothing.",
        rows: [expect.objectContaining({ outcome: "withheld", reads: 2 }), expect.objectContaining({ outcome: "withheld", reads: 1 })],
        total: 2,
      },
    });
  });

  it("looks back over the account's retention: older rows (awaiting the daily job) are not counted", async () => {
    await getDb().update(accounts).set({ accessLogRetentionDays: 30 }).where(eq(accounts.id, account.accountId));
    const jane = hashLookupValue(account.accountId, JANE);
    await insertAccessRows([row(jane, daysAgo(31), "found", 4)]);
    expect(await search(JANE)).toEqual({
      ok: true,
      data: { answer: "No: this token has not read that value in the last 30 days.", note: null, rows: [], total: 0 },
    });
    const recent = daysAgo(29);
    await insertAccessRows([row(jane, recent, "found", 1)]);
    const yes = await search(JANE);
    expect(yes.ok && yes.data.answer).toBe(`Yes: read 1 time, first ${formatDateTime(recent)}, last ${formatDateTime(recent)}.`);
  });

  it("still finds rows written under the old shared key (before keys were per account)", async () => {
    await insertAccessRows([
      { tokenId, accountId: account.accountId, at: new Date(), ip: "127.0.0.1", linkingAttribute: "email", valueHash: legacyLookupHash(JANE), outcome: "found", attributes: ["email"] },
    ]);
    const found = await search(JANE);
    expect(found.ok && found.data.rows).toHaveLength(1);
    expect(found.ok && found.data.answer).toMatch(/^Yes: read 1 time, first /);
  });

  it("allows 20 searches a minute per user, then says when to try again; another user keeps theirs", async () => {
    for (let i = 0; i < 20; i++) expect((await search(`guess-${i}@example.test`)).ok).toBe(true);
    const refused = await search("guess-20@example.test");
    expect(refused).toEqual({ ok: false, formError: expect.stringMatching(/^Too many searches: at most 20 a minute\. Try again in \d+ seconds?\.$/) });
    signInAs({ ...account.admin, id: randomUUID() });
    expect((await search("guess-20@example.test")).ok).toBe(true);
  });

  it("asks for a value when none was typed", async () => {
    expect(await search("  ")).toEqual({ ok: false, fieldErrors: { value: "Enter the value to look for, e.g. an email address." } });
  });
});
