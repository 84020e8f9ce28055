import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { signInAs } from "@/test/next-mocks";
import { closeDb, getDbHandle } from "@/db";
import { UNAVAILABLE_MESSAGE } from "@/lib/action-guard";
import { createTestAccount, withTestDatabase } from "@/test/database";
import { activityInput, tokenSnapshot } from "@/test/token-fixtures";
import { createToken, resetToken, revokeToken, updateToken } from "./actions";

// The outage is a closed client that is still the process's handle; afterwards a fresh handle
// opens the same database to prove nothing was written. An in-memory PGlite would vanish on
// close, so without DATABASE_URL this file's database lives in a folder of its own.
const folder = process.env.DATABASE_URL ? null : mkdtempSync(join(tmpdir(), "hub-outage-"));
if (folder) process.env.PGLITE_DIR = folder;
afterAll(() => {
  if (folder) rmSync(folder, { recursive: true, force: true });
});

withTestDatabase();

async function whileDatabaseDown<T>(run: () => Promise<T>): Promise<T> {
  const handle = getDbHandle();
  if (handle.kind === "pglite") await handle.client.close();
  else await handle.sql.end({ timeout: 1 });
  try {
    return await run();
  } finally {
    // Forget the dead handle (closing it again throws); the next query opens a fresh one.
    await closeDb().catch(() => {});
  }
}

describe("server actions while the database is unreachable (integration)", () => {
  it("answer with a clear form error, never the raw one, and write nothing", async () => {
    const account = await createTestAccount();
    signInAs(account.admin);
    const created = await createToken(activityInput({ description: "Before the outage" }));
    if (!created.ok) throw new Error(JSON.stringify(created));
    const { tokenId } = created.data;
    const before = await tokenSnapshot(account.accountId);

    const results = await whileDatabaseDown(() =>
      Promise.all([
        createToken(activityInput({ description: "During the outage" })),
        updateToken(tokenId, { ...activityInput({ description: "Edited during the outage" }), rateLimit: 100 }),
        resetToken(tokenId),
        revokeToken(tokenId),
      ]),
    );

    for (const result of results) expect(result).toEqual({ ok: false, formError: UNAVAILABLE_MESSAGE });
    expect(await tokenSnapshot(account.accountId)).toEqual(before);
  });

  it("still turn a signed-out caller away first", async () => {
    signInAs(null);
    await expect(whileDatabaseDown(() => createToken(activityInput()))).rejects.toThrow(/NEXT_REDIRECT/);
  });
});
