import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { signInAs } from "@/test/next-mocks";
import { createTestAccount, withTestDatabase, type TestAccount } from "@/test/database";
import { issueToken } from "@/test/api-fixtures";
import { AccessLogRecorder } from "./access-log";
import { searchAccessLog } from "./actions";
import { insertAccessRows, listAccessLog } from "./queries";
import { legacyLookupHash } from "./value-hash";

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
const search = (value: string, fields: Record<string, string> = {}) => searchAccessLog(tokenId, null, form({ value, ...fields }));

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
  it("answers with the matching rows in the action's result: no redirect, nothing in a URL", async () => {
    const recorder = new AccessLogRecorder();
    const token = { id: tokenId, accountId: account.accountId, exposedAttributes: ["email"] };
    recorder.record(token, "127.0.0.1", "email", JANE, "one");
    recorder.record(token, "127.0.0.1", "email", "someone@else.test", "none");
    await recorder.flush();
    const [, jane] = await listAccessLog(account.accountId, tokenId, {}, null, 2);

    const found = await search(` ${JANE} `);
    expect(found).toEqual({ ok: true, data: { rows: [expect.objectContaining({ id: jane!.id, outcome: "found" })], more: false } });
    expect(await search("nobody@else.test")).toEqual({ ok: true, data: { rows: [], more: false } });
    // The range and outcome of the tab still apply.
    expect(await search(JANE, { outcome: "not_found" })).toEqual({ ok: true, data: { rows: [], more: false } });
  });

  it("still finds rows written under the old shared key (before keys were per account)", async () => {
    await insertAccessRows([
      { tokenId, accountId: account.accountId, at: new Date(), ip: "127.0.0.1", linkingAttribute: "email", valueHash: legacyLookupHash(JANE), outcome: "found", attributes: ["email"] },
    ]);
    const found = await search(JANE);
    expect(found.ok && found.data.rows).toHaveLength(1);
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
