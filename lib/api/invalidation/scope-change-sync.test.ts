import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/changes/record-change";
import { diffSettings } from "@/lib/tokens/settings-diff";
import { applyTokenEdit } from "@/lib/tokens/write/create-and-edit";
import { withTestDatabase } from "@/test/database";
import { issueToken, seedApiAccount } from "@/test/api-fixtures";
import { call } from "@/test/api-server";
import { startApiInstance, type ApiInstance } from "@/test/api-instances";

/**
 * A scope removed in the console reaches every instance like a revoke: two app instances (two
 * processes, each with its own token cache and LISTEN connection) have the token cached, the
 * edit commits, and within a second both refuse what it no longer allows. Needs real Postgres.
 */
const url = process.env.DATABASE_URL;

describe.skipIf(!url)("a scope change, seen by two instances", () => {
  withTestDatabase();
  const instances: ApiInstance[] = [];
  let actor: Actor;

  beforeAll(async () => {
    ({ actor } = await seedApiAccount());
    instances.push(...(await Promise.all([startApiInstance(), startApiInstance()])));
  }, 180_000);
  afterAll(async () => {
    await Promise.all(instances.map((i) => i.process.stop()));
  });

  it("removing Users takes effect on every instance within 1 s; adding it back too", async () => {
    const { id, token } = await issueToken(actor, { type: "activity", description: "scope sync", scopes: ["users:read", "groups:read"] });
    const users = (instance: ApiInstance) => call(instance.port, "/api/v1/users", { token });
    // Cached on both: the second call of each is served from its instance's cache.
    for (const instance of instances) for (let i = 0; i < 2; i++) expect((await users(instance)).status).toBe(200);

    const settings = { description: "scope sync", exposedAttributes: [], linkingAttribute: null, ipAllowList: [], rateLimit: 600, purpose: null, dailyProfileLimit: null };
    const edit = (scopes: string[]) => applyTokenEdit(actor, id, { ...settings, scopes }, (before) => diffSettings(before, { ...settings, scopes }, (key) => key));
    const within1s = (assertion: () => Promise<void>) => vi.waitFor(assertion, { timeout: 1_000, interval: 10 });

    expect(await edit(["groups:read"])).toBe("updated");
    await Promise.all(
      instances.map((instance) =>
        within1s(async () => {
          const answer = await users(instance);
          expect(answer.status, `port ${instance.port}`).toBe(403);
          expect(answer.headers["www-authenticate"]).toBe('Bearer error="insufficient_scope", scope="users:read"');
        }),
      ),
    );
    for (const instance of instances) expect((await call(instance.port, "/api/v1/groups", { token })).status).toBe(200);

    expect(await edit(["users:read", "groups:read"])).toBe("updated");
    await Promise.all(instances.map((instance) => within1s(async () => expect((await users(instance)).status).toBe(200))));
  });
});
