import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { recordAccountChange } from "@/lib/changes/record-account-change";
import { createTestAccount, withTestDatabase } from "@/test/database";
import { parseAuditQuery } from "./filters";
import { listAuditEvents } from "./queries";

// The page's reads: newest first, keyset pages that neither skip nor repeat (even among rows
// of the same instant), filters, and one account only.
withTestDatabase();

describe("listAuditEvents", () => {
  it("pages newest first by keyset, rows of one instant included, within the account", async () => {
    const { accountId, admin } = await createTestAccount();
    const other = await createTestAccount();
    const at = (i: number) => new Date(Date.UTC(2026, 10, 1) + Math.floor(i / 3) * 60_000);
    for (let i = 0; i < 25; i++) {
      await recordAccountChange(getDb(), { accountId, actor: { kind: "user", id: admin.id, name: admin.name, ip: null }, action: i % 2 ? "token.created" : "sign_in.succeeded", at: at(i) });
    }
    await recordAccountChange(getDb(), { accountId: other.accountId, actor: { kind: "system", name: "System" }, action: "token.created" });

    const seen: number[] = [];
    let after = null;
    for (;;) {
      const page = await listAuditEvents(accountId, {}, after, 10);
      seen.push(...page.map((r) => r.id));
      if (page.length < 10) break;
      after = { at: page[9]!.at, id: page[9]!.id };
    }
    expect(seen).toHaveLength(25);
    expect(new Set(seen).size).toBe(25);
    const all = await listAuditEvents(accountId, {}, null, 100);
    expect(all.map((r) => r.id)).toEqual(seen);
    expect(all.every((r, i) => i === 0 || r.at <= all[i - 1]!.at)).toBe(true);

    const created = await listAuditEvents(accountId, parseAuditQuery({ action: "token.created" }).filter, null, 100);
    expect(created).toHaveLength(12);
    expect(await listAuditEvents(accountId, parseAuditQuery({ actor: `user:${admin.id}` }).filter, null, 100)).toHaveLength(25);
    expect(await listAuditEvents(accountId, parseAuditQuery({ actor: "system" }).filter, null, 100)).toHaveLength(0);
    expect(await listAuditEvents(accountId, parseAuditQuery({ from: "2026-11-02" }).filter, null, 100)).toHaveLength(0);
    expect(await listAuditEvents(accountId, parseAuditQuery({ from: "2026-11-01", to: "2026-11-01" }).filter, null, 100)).toHaveLength(25);
  });
});

describe("parseAuditQuery", () => {
  it("keeps known values and explains the others", () => {
    expect(parseAuditQuery({ action: "token.revoked", actor: "operator", from: "2026-11-01", to: "2026-11-02", after: "1700000000000_42" })).toMatchObject({
      action: "token.revoked",
      actor: "operator",
      from: "2026-11-01",
      to: "2026-11-02",
      after: { at: new Date(1_700_000_000_000), id: 42 },
      errors: [],
    });
    expect(parseAuditQuery({ action: "drop table", actor: "user:nope", to: "2026-02-30" })).toMatchObject({
      action: "",
      actor: "",
      to: "",
      errors: ["Enter the end date as YYYY-MM-DD.", "Choose an action from the list.", "Choose an actor from the list."],
    });
  });
});
