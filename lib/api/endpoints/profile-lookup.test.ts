import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { profiles } from "@/db/tables";
import { withTestDatabase } from "@/test/database";
import { issueToken, seedApiAccount } from "@/test/api-fixtures";
import { call, startApiServer } from "@/test/api-server";
import { openApiDocument } from "../reference/openapi";
import { startTokenInvalidation } from "../invalidation/token-invalidation";

withTestDatabase();

let server: Awaited<ReturnType<typeof startApiServer>>;
let token: string;

beforeAll(async () => {
  const { accountId, actor } = await seedApiAccount();
  // Data the catalogue cannot vouch for: two people share an email address.
  await getDb()
    .insert(profiles)
    .values([
      { accountId, attributes: { email: "shared@family.test", first_name: "Ann" } },
      { accountId, attributes: { email: "shared@family.test", first_name: "Bob" } },
    ]);
  await startTokenInvalidation();
  server = await startApiServer();
  token = (await issueToken(actor, { type: "profile_read", description: "lookups", exposedAttributes: ["first_name"], linkingAttribute: "email", ipAllowList: [{ value: "127.0.0.1" }] })).token;
}, 120_000);
afterAll(() => server?.close());

describe("a lookup that matches several profiles", () => {
  it("answers 409 ambiguous_match rather than an arbitrary person", async () => {
    const result = await call(server.port, "/api/v1/profile?email=shared%40family.test", { token });
    expect(result.status).toBe(409);
    expect(result.body).toEqual({ error: { code: "ambiguous_match", message: expect.stringContaining("more than one profile") } });
    expect(result.headers.ratelimit).toMatch(/^"default";r=\d+;t=\d+$/);
    expect(Object.keys(openApiDocument.paths["/api/v1/profile"].get.responses)).toContain("409");
  });

  it("still answers a unique match", async () => {
    const result = await call(server.port, "/api/v1/profile?email=jane.remington%40demo-retail.test", { token });
    expect(result).toMatchObject({ status: 200, body: { data: { first_name: "Jane" } } });
  });
});
