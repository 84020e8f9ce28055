import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { withTestDatabase } from "@/test/database";
import { issueToken, seedApiAccount } from "@/test/api-fixtures";
import { call } from "@/test/api-server";
import { startApiInstance, type ApiInstance } from "@/test/api-instances";

/**
 * Two app instances (two processes, each with its own profile cache and LISTEN connection) and
 * changes made in SQL from a third connection, as psql or an import job would: every instance
 * serves the change within a second. Needs real Postgres (several connections).
 */
const url = process.env.DATABASE_URL;

describe.skipIf(!url)("profile changes made outside the app, seen by two instances", () => {
  withTestDatabase();
  let sql: postgres.Sql;
  const instances: ApiInstance[] = [];
  let token: string;
  let otherToken: string;
  let accountId: string;
  let otherAccountId: string;

  beforeAll(async () => {
    sql = postgres(url!, { max: 1, onnotice: () => {} });
    const first = await seedApiAccount();
    const second = await seedApiAccount();
    accountId = first.accountId;
    otherAccountId = second.accountId;
    const settings = { type: "profile_read" as const, exposedAttributes: ["first_name", "customer_id"], linkingAttribute: "email", ipAllowList: [{ value: "127.0.0.1" }] };
    token = (await issueToken(first.actor, { ...settings, description: "sync" })).token;
    otherToken = (await issueToken(second.actor, { ...settings, description: "sync, other account" })).token;
    instances.push(...(await Promise.all([startApiInstance(), startApiInstance()])));
  }, 180_000);
  afterAll(async () => {
    await Promise.all(instances.map((i) => i.process.stop()));
    await sql?.end();
  });

  const lookup = (instance: ApiInstance, email: string, as = token) => call(instance.port, `/api/v1/profile?email=${encodeURIComponent(email)}`, { token: as });
  /** The contract: a change reaches every instance's cache within 1 s. */
  const within1s = (assertion: () => Promise<void>) => vi.waitFor(assertion, { timeout: 1_000, interval: 10 });
  /** Waits until `expected` holds for the answer on every instance; fails past 1 s. */
  const untilBoth = (email: string, expected: (r: Awaited<ReturnType<typeof lookup>>) => boolean) =>
    Promise.all(
      instances.map((instance) =>
        within1s(async () => {
          const answer = await lookup(instance, email);
          expect(expected(answer), `port ${instance.port}: ${answer.status} ${JSON.stringify(answer.body)}`).toBe(true);
        }),
      ),
    );
  const firstName = (r: Awaited<ReturnType<typeof lookup>>) => (r.body.data as { first_name?: string } | undefined)?.first_name;
  /** Reads twice on each instance: the second answer comes from its cache. */
  const warm = async (email: string, as = token) => {
    for (const instance of instances) for (let i = 0; i < 2; i++) await lookup(instance, email, as);
  };

  it("serves from its cache: a change that sends no notification is not seen", async () => {
    await insertProfile(accountId, { email: "cached@sync.test", first_name: "Before" });
    await warm("cached@sync.test");
    await sql.begin(async (tx) => {
      // As a replica applies changes: triggers do not fire, so nothing is notified.
      await tx`set local session_replication_role = replica`;
      await tx`update profiles set attributes = attributes || '{"first_name":"Unnotified"}' where attributes @> '{"email":"cached@sync.test"}'`;
    });
    await new Promise((r) => setTimeout(r, 300));
    for (const instance of instances) expect(firstName(await lookup(instance, "cached@sync.test"))).toBe("Before");
  });

  it("serves a changed profile changed on every instance within 1 s", async () => {
    await insertProfile(accountId, { email: "changed@sync.test", first_name: "Old" });
    await warm("changed@sync.test");
    await sql`update profiles set attributes = attributes || '{"first_name":"New"}' where account_id = ${accountId} and attributes @> '{"email":"changed@sync.test"}'`;
    await untilBoth("changed@sync.test", (r) => firstName(r) === "New");
  });

  it("answers 404 for a deleted profile on every instance within 1 s", async () => {
    await insertProfile(accountId, { email: "deleted@sync.test", first_name: "Gone" });
    await warm("deleted@sync.test");
    await sql`delete from profiles where account_id = ${accountId} and attributes @> '{"email":"deleted@sync.test"}'`;
    await untilBoth("deleted@sync.test", (r) => r.status === 404);
  });

  it("finds a newly inserted profile within 1 s, though its absence was cached", async () => {
    await warm("inserted@sync.test");
    for (const instance of instances) expect((await lookup(instance, "inserted@sync.test")).status).toBe(404);
    await insertProfile(accountId, { email: "inserted@sync.test", first_name: "Fresh" });
    await untilBoth("inserted@sync.test", (r) => firstName(r) === "Fresh");
  });

  it("forgets a profile whose linking value changes under its old and its new value", async () => {
    await insertProfile(accountId, { email: "before@sync.test", first_name: "Moving" });
    await warm("before@sync.test");
    await warm("after@sync.test"); // "not found", cached
    await sql`update profiles set attributes = attributes || '{"email":"after@sync.test"}' where account_id = ${accountId} and attributes @> '{"email":"before@sync.test"}'`;
    await untilBoth("before@sync.test", (r) => r.status === 404);
    await untilBoth("after@sync.test", (r) => firstName(r) === "Moving");
  });

  it("answers 409 once another profile takes a cached profile's value", async () => {
    await insertProfile(accountId, { email: "taken@sync.test", first_name: "First" });
    await insertProfile(accountId, { email: "other@sync.test", first_name: "Second" });
    await warm("taken@sync.test");
    await sql`update profiles set attributes = attributes || '{"email":"taken@sync.test"}' where account_id = ${accountId} and attributes @> '{"email":"other@sync.test"}'`;
    await untilBoth("taken@sync.test", (r) => r.status === 409);
  });

  it("never answers with another account's profile of the same value, nor forgets across accounts", async () => {
    await insertProfile(accountId, { email: "same@sync.test", first_name: "Mine" });
    await insertProfile(otherAccountId, { email: "same@sync.test", first_name: "Theirs" });
    await warm("same@sync.test");
    await warm("same@sync.test", otherToken);
    for (const instance of instances) {
      expect(firstName(await lookup(instance, "same@sync.test"))).toBe("Mine");
      expect(firstName(await lookup(instance, "same@sync.test", otherToken))).toBe("Theirs");
    }
    await sql`update profiles set attributes = attributes || '{"first_name":"Theirs, changed"}' where account_id = ${otherAccountId} and attributes @> '{"email":"same@sync.test"}'`;
    await untilBoth("same@sync.test", () => true);
    for (const instance of instances) {
      await within1s(async () => expect(firstName(await lookup(instance, "same@sync.test", otherToken))).toBe("Theirs, changed"));
      expect(firstName(await lookup(instance, "same@sync.test"))).toBe("Mine");
    }
  });

  it("matches numbers as lookups do: a cached 404 for \"007\" ends when 7.0 is inserted", async () => {
    const settings = { type: "profile_read" as const, exposedAttributes: ["first_name"], linkingAttribute: "customer_id", ipAllowList: [{ value: "127.0.0.1" }] };
    const { actor } = await seedApiAccount();
    const byNumber = (await issueToken(actor, { ...settings, description: "numeric" })).token;
    const read = (instance: ApiInstance) => call(instance.port, "/api/v1/profile?customer_id=007", { token: byNumber });
    for (const instance of instances) for (let i = 0; i < 2; i++) expect((await read(instance)).status).toBe(404);
    await sql`insert into profiles (account_id, attributes) values (${actor.accountId}, '{"customer_id": 7.0, "first_name": "Seven"}'::jsonb)`;
    for (const instance of instances) await within1s(async () => expect(firstName(await read(instance))).toBe("Seven"));
  });

  it("withholds a profile whose consent is withdrawn on every instance within 1 s, and serves it again once given", async () => {
    await insertProfile(accountId, { email: "consent@sync.test", first_name: "Consenting" });
    await warm("consent@sync.test");
    for (const instance of instances) expect(firstName(await lookup(instance, "consent@sync.test"))).toBe("Consenting");
    // Only the consent column changes, as a preference centre's sync would write it.
    await sql`update profiles set consent_personalisation = false where account_id = ${accountId} and attributes @> '{"email":"consent@sync.test"}'`;
    await untilBoth("consent@sync.test", (r) => r.status === 404 && r.body.error?.code === "profile_not_found");
    await warm("consent@sync.test");
    await sql`update profiles set consent_personalisation = true where account_id = ${accountId} and attributes @> '{"email":"consent@sync.test"}'`;
    await untilBoth("consent@sync.test", (r) => firstName(r) === "Consenting");
  });

  async function insertProfile(account: string, attributes: Record<string, string>) {
    await sql`insert into profiles (account_id, attributes) values (${account}, ${sql.json(attributes)})`;
  }
});
