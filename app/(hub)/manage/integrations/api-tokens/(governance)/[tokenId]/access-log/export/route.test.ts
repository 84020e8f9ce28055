import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { signInAs } from "@/test/next-mocks";
import { getDb, getDbHandle } from "@/db";
import { profileAccessLog } from "@/db/tables";
import { createTestAccount, withTestDatabase, type TestAccount } from "@/test/database";
import { issueToken } from "@/test/api-fixtures";
import { insertAccessRows } from "@/lib/governance/queries";
import { hashLookupValue } from "@/lib/governance/value-hash";
import { GET } from "./route";

// The export route as the browser calls it: session and role first, then a streamed file.
withTestDatabase();

let account: TestAccount;
let tokenId: string;
const JANE = "jane.remington@demo-retail.test";

beforeAll(async () => {
  account = await createTestAccount();
  const actor = { id: account.admin.id, name: account.admin.name, accountId: account.accountId, ip: "127.0.0.1" };
  ({ id: tokenId } = await issueToken(actor, { type: "profile_read", description: "Export", exposedAttributes: ["email"], linkingAttribute: "email", ipAllowList: [{ value: "127.0.0.1" }] }));
  await insertAccessRows([
    { tokenId, accountId: account.accountId, at: new Date("2026-11-20T10:00:00.123Z"), ip: "127.0.0.1", linkingAttribute: "email", valueHash: hashLookupValue(account.accountId, JANE), outcome: "found", attributes: ["email"] },
    { tokenId, accountId: account.accountId, at: new Date("2026-11-25T10:00:00Z"), ip: "=cmd", linkingAttribute: "email", valueHash: hashLookupValue(account.accountId, "x@y.test"), outcome: "not_found", attributes: [] },
  ]);
});

const get = (query: string, id = tokenId) => GET(new Request(`http://hub.test/x/export?${query}`), { params: Promise.resolve({ tokenId: id }) });

describe("access log export", () => {
  it("answers 404 to a marketer, a signed-out caller and another account's admin, before any work", async () => {
    signInAs(account.marketer);
    expect((await get("format=csv")).status).toBe(404);
    signInAs(null);
    expect((await get("format=csv")).status).toBe(404);
    signInAs((await createTestAccount()).admin);
    expect((await get("format=csv")).status).toBe(404);
  });

  it("streams CSV and NDJSON for a date range, never cached", async () => {
    signInAs(account.admin);
    const csv = await get("format=csv&from=2026-11-20&to=2026-11-20");
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(csv.headers.get("cache-control")).toBe("no-store");
    expect(csv.headers.get("content-disposition")).toMatch(/^attachment; filename="access-log-hub_prf_.{3}-2026-11-20-to-2026-11-20\.csv"$/);
    expect(await csv.text()).toBe(`time,ip,linking_attribute,value_hash,outcome,attributes,reads\n2026-11-20T10:00:00.123Z,127.0.0.1,email,${hashLookupValue(account.accountId, JANE)},found,email,1\n`);

    const ndjson = await get("format=ndjson");
    expect(ndjson.headers.get("content-type")).toBe("application/x-ndjson; charset=utf-8");
    const lines = (await ndjson.text()).trim().split("\n").map((l) => JSON.parse(l));
    expect(lines.map((l) => l.outcome)).toEqual(["not_found", "found"]);
    // A spreadsheet never runs what a caller put in a field.
    expect(await (await get("format=csv&from=2026-11-25")).text()).toContain(",'=cmd,");
  });

  it("refuses an unknown format or a bad date with a message", async () => {
    signInAs(account.admin);
    expect((await get("format=xlsx")).status).toBe(400);
    const bad = await get("format=csv&from=2026-13-01");
    expect(bad.status).toBe(400);
    expect(await bad.text()).toBe("Enter the start date as YYYY-MM-DD.");
  });

  // Real Postgres: 100,000 rows, read back in keyset batches while the reader consumes them.
  it.skipIf(getDbHandle().kind === "pglite")("streams 100,000 rows without holding them", async () => {
    signInAs(account.admin);
    await getDb().execute(sql`
      insert into ${profileAccessLog} (token_id, account_id, at, ip, linking_attribute, value_hash, outcome, attributes)
      select ${tokenId}, ${account.accountId}, timestamptz '2026-10-01' + make_interval(secs => g / 1000.0), '127.0.0.1', 'email', md5(g::text), 'found', '{email}'
      from generate_series(1, 100000) g`);
    const response = await get("format=ndjson&from=2026-10-01&to=2026-10-31");
    const reader = response.body!.getReader();
    let lines = 0;
    let chunks = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks++;
      for (const byte of value) if (byte === 10) lines++;
    }
    expect(lines).toBe(100_000);
    // One chunk per batch of 1,000, each read when the reader asked: built in pieces, never whole.
    expect(chunks).toBe(100);

    // And lazily: a reader that stops after one chunk costs one or two batches, not the file.
    const started = performance.now();
    const partial = (await get("format=csv&from=2026-10-01&to=2026-10-31")).body!.getReader();
    expect((await partial.read()).done).toBe(false);
    await partial.cancel();
    expect(performance.now() - started).toBeLessThan(5_000);
  }, 120_000);
});
