import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getBatchDb, getDb, getDbHandle } from "@/db";
import { withTestDatabase } from "@/test/database";

withTestDatabase();

// PGlite is one connection in this process: there is nothing to keep apart.
describe.skipIf(getDbHandle().kind === "pglite")("the batch writers' connection (integration)", () => {
  it("is not one of the pooled connections: queries on the pool never wait behind a long batch write", async () => {
    const order: string[] = [];
    // A batch write that takes a while (a large INSERT does, under load).
    const batch = getBatchDb()
      .execute(sql`select pg_sleep(0.5)`)
      .then(() => order.push("batch"));
    // Give it its connection first, then queue more reads on the pool than it has connections.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const reads = Array.from({ length: 20 }, () => getDb().execute(sql`select 1`).then(() => order.push("read")));
    await Promise.all([batch, ...reads]);
    expect(order.at(-1)).toBe("batch");
    expect(order.filter((o) => o === "read")).toHaveLength(20);
  });

  it("holds one connection of its own, opened on first use", async () => {
    await getBatchDb().execute(sql`select 1`);
    const handle = getDbHandle();
    if (handle.kind !== "postgres") throw new Error("unreachable");
    const [{ pid: pooled }] = (await handle.db.execute<{ pid: number }>(sql`select pg_backend_pid() as pid`)) as unknown as [{ pid: number }];
    const pids = new Set<number>();
    for (let i = 0; i < 5; i++) {
      const [row] = (await getBatchDb().execute<{ pid: number }>(sql`select pg_backend_pid() as pid`)) as unknown as [{ pid: number }];
      pids.add(row.pid);
    }
    expect(pids.size).toBe(1);
    expect(pids.has(pooled)).toBe(false);
  });
});
