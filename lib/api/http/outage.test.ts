import { execFileSync, execSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { closeDb } from "@/db";
import { migrateDatabase } from "@/db/migrate";
import { markTokenRevoked } from "@/lib/tokens/write/lifecycle";
import { issueToken, seedApiAccount } from "@/test/api-fixtures";
import { call, startApiServer } from "@/test/api-server";
import { tokenCache } from "../auth/token-cache";
import { startTokenInvalidation } from "../invalidation/token-invalidation";

/**
 * A database outage, for real: a throwaway PostgreSQL cluster of this test's own is stopped
 * and started again under a running API. Needs the PostgreSQL server binaries (CI has them).
 */
const bin = existsSync("/usr/lib/postgresql")
  ? readdirSync("/usr/lib/postgresql").map((v) => `/usr/lib/postgresql/${v}/bin`).find((d) => existsSync(`${d}/pg_ctl`))
  : undefined;
// A port of its own each run, so a cluster left by an interrupted run is never in the way.
const PORT = 54_000 + Math.floor(Math.random() * 1_000);
const dataDir = join(mkdtempSync(join(tmpdir(), "hub-outage-")), "data");

function pg(args: string) {
  const command = `${bin}/${args}`;
  // initdb refuses to run as root: hand the cluster to the postgres user there.
  if (process.getuid?.() === 0) execFileSync("su", ["postgres", "-c", command], { stdio: "pipe" });
  else execSync(command, { stdio: "pipe" });
}
const start = () => pg(`pg_ctl -D ${dataDir} -w -o "-p ${PORT} -c listen_addresses=127.0.0.1 -k /tmp" start -l ${dataDir}.log`);
const stop = () => pg(`pg_ctl -D ${dataDir} -w -m fast stop`);

describe.skipIf(!bin)("database outage", () => {
  let server: Awaited<ReturnType<typeof startApiServer>>;
  let live: { token: string };
  let revoked: { token: string };

  beforeAll(async () => {
    if (process.getuid?.() === 0) {
      chmodSync(join(dataDir, ".."), 0o777);
      execFileSync("chown", ["postgres", join(dataDir, "..")]);
    }
    pg(`initdb -D ${dataDir} --auth=trust -U postgres`);
    start();
    process.env.DATABASE_URL = `postgres://postgres@127.0.0.1:${PORT}/postgres`;
    await migrateDatabase();
    const { actor } = await seedApiAccount();
    live = await issueToken(actor, { type: "activity", description: "survives the outage" });
    const doomed = await issueToken(actor, { type: "activity", description: "revoked before the outage" });
    await startTokenInvalidation();
    server = await startApiServer();
    expect((await call(server.port, "/api/v1/forms", { token: doomed.token })).status).toBe(200);
    await markTokenRevoked(actor, doomed.id);
    revoked = doomed;
  }, 120_000);

  afterAll(async () => {
    await server?.close();
    await closeDb();
    try {
      stop();
    } catch {
      // already stopped
    }
  });

  it("answers 503 with Retry-After through a 10 s outage under load, never 200, and recovers within 5 s", async () => {
    expect((await call(server.port, "/api/v1/forms", { token: live.token })).status).toBe(200);
    stop();
    // Ten seconds of outage under load: five callers at once, all the time.
    const statuses = new Map<number, number>();
    const until = Date.now() + 10_000;
    const caller = async (i: number) => {
      const paths = ["/api/v1/users", "/api/v1/groups", "/api/v1/forms"];
      while (Date.now() < until) {
        const token = i % 2 ? live.token : revoked.token;
        const result = await call(server.port, paths[i % paths.length]!, { token });
        statuses.set(result.status, (statuses.get(result.status) ?? 0) + 1);
        if (result.status === 503) expect(result.headers["retry-after"]).toBeDefined();
      }
    };
    await Promise.all([0, 1, 2, 3, 4].map(caller));
    expect([...statuses.keys()]).toEqual([503]);
    // Fast refusals (the breaker), not one slow 503 per driver reconnect attempt: about a
    // hundred in ten seconds without it, tens of thousands with it.
    expect(statuses.get(503)).toBeGreaterThan(1_000);
    expect(tokenCache.isLive()).toBe(false);

    start();
    // Back within 5 s of Postgres being back.
    await vi.waitFor(async () => expect((await call(server.port, "/api/v1/forms", { token: live.token })).status).toBe(200), { timeout: 5_000, interval: 100 });
    expect((await call(server.port, "/api/v1/forms", { token: revoked.token })).status).toBe(401);
  }, 60_000);
});
