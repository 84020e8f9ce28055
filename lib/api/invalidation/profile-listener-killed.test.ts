import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { withTestDatabase } from "@/test/database";
import { issueToken, seedApiAccount } from "@/test/api-fixtures";
import { call, startApiServer } from "@/test/api-server";
import { profileCache } from "./profile-cache";
import { startTokenInvalidation } from "./token-invalidation";

/**
 * The LISTEN connection killed by the server (as a failover or an operator would): the profile
 * cache goes off with it, answers come from Postgres and stay correct, and the cache comes back
 * empty with the new connection. Needs real Postgres (pg_terminate_backend).
 */
const url = process.env.DATABASE_URL;

describe.skipIf(!url)("with the LISTEN connection killed", () => {
  withTestDatabase();
  let sql: postgres.Sql;
  let server: Awaited<ReturnType<typeof startApiServer>>;
  let token: string;
  let accountId: string;

  beforeAll(async () => {
    sql = postgres(url!, { max: 1, onnotice: () => {} });
    const { actor } = await seedApiAccount();
    accountId = actor.accountId;
    token = (await issueToken(actor, { type: "profile_read", description: "killed", exposedAttributes: ["first_name"], linkingAttribute: "email", ipAllowList: [{ value: "127.0.0.1" }] })).token;
    await startTokenInvalidation();
    server = await startApiServer();
  }, 120_000);
  afterAll(async () => {
    await server?.close();
    await sql?.end();
  });

  const firstName = async () => {
    const result = await call(server.port, "/api/v1/profile?email=killed%40listener.test", { token });
    return result.status === 200 ? (result.body.data as { first_name: string }).first_name : result.status;
  };
  const rename = async (name: string, notify: boolean) =>
    sql.begin(async (tx) => {
      // Without notifying (as a replica applies changes), to show where the answer comes from.
      if (!notify) await tx`set local session_replication_role = replica`;
      await tx`update profiles set attributes = attributes || ${sql.json({ first_name: name })} where account_id = ${accountId} and attributes @> '{"email":"killed@listener.test"}'`;
    });

  it("answers from Postgres while it is down, and caches again once it is back", async () => {
    await sql`insert into profiles (account_id, attributes) values (${accountId}, '{"email":"killed@listener.test","first_name":"One"}'::jsonb)`;
    // The insert's own notification may arrive while the first lookup runs, which then rightly
    // declines to cache what it read: the next one caches it.
    await vi.waitFor(async () => {
      expect(await firstName()).toBe("One");
      expect(profileCache.size).toBeGreaterThan(0);
    }, { timeout: 5_000, interval: 50 });

    // The listener's backend: the one that LISTENs, and sends itself heartbeats.
    await sql`select pg_terminate_backend(pid) from pg_stat_activity
               where datname = current_database() and pid <> pg_backend_pid() and (query ilike 'listen %' or query ilike 'select pg_notify%')`;
    // The heartbeat finds the dead connection within seconds; reconnecting takes as long again.
    const seconds = { timeout: 5_000, interval: 10 };
    await vi.waitFor(() => expect(profileCache.isLive()).toBe(false), seconds);
    expect(profileCache.size).toBe(0);
    // Changed without a notification: only an answer from Postgres can know.
    await rename("Two", false);
    expect(await firstName()).toBe("Two");

    await vi.waitFor(() => expect(profileCache.isLive()).toBe(true), seconds);
    expect(await firstName()).toBe("Two");
    await rename("Three", true);
    await vi.waitFor(async () => expect(await firstName()).toBe("Three"), { timeout: 1_000, interval: 10 });
  }, 30_000);
});
