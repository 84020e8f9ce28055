import Ajv2020 from "ajv/dist/2020";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { tokenUsageDaily } from "@/db/tables";
import type { Actor } from "@/lib/changes/record-change";
import { withTestDatabase } from "@/test/database";
import { issueToken, seedApiAccount } from "@/test/api-fixtures";
import { call, startApiServer, type CallResult } from "@/test/api-server";
import { openApiDocument } from "../reference/openapi";
import { usage } from "./usage";

// An Activity token calls only the endpoints its scopes name (PRODUCT.md §11), over HTTP.
withTestDatabase();

let server: Awaited<ReturnType<typeof startApiServer>>;
let actor: Actor;
let groupsOnly: { id: string; token: string };

beforeAll(async () => {
  ({ actor } = await seedApiAccount());
  server = await startApiServer();
  groupsOnly = await issueToken(actor, { type: "activity", description: "groups only", scopes: ["groups:read"] });
}, 120_000);
afterAll(async () => {
  await server?.close();
});

const activityBody = { metric: "cases_closed", from: "2026-11-01", to: "2026-11-02", group_by: "day" };
const reportBody = { type: "summary", date_from: "2026-11-01T00:00:00Z", date_to: "2026-11-02T00:00:00Z" };

const ajv = new Ajv2020({ strict: false });
/** The 403 as the OpenAPI document describes it for `path`: the body's schema and the header it names. */
function documented403(path: string, method: "get" | "post", result: CallResult) {
  const operation = (openApiDocument.paths as unknown as Record<string, Record<string, { responses: Record<string, { headers: object; content: { "application/json": { schema: object } } }> }>>)[path]![method]!;
  const response = operation.responses["403"]!;
  expect(ajv.validate(response.content["application/json"].schema, result.sent), JSON.stringify(ajv.errors)).toBe(true);
  expect(Object.keys(response.headers)).toContain("WWW-Authenticate");
}

describe("a token with only the Groups scope", () => {
  it("reads groups", async () => {
    const result = await call(server.port, "/api/v1/groups", { token: groupsOnly.token });
    expect(result.status).toBe(200);
    expect((result.body.data as unknown[]).length).toBeGreaterThan(0);
  });

  it.each([
    ["/api/v1/users", "GET", "users:read"],
    ["/api/v1/forms", "GET", "forms:read"],
    ["/api/v1/activity/query", "POST", "activity:read"],
    ["/api/v1/activity/reports", "POST", "activity:read"],
  ] as const)("is refused %s with 403 insufficient_scope naming %s", async (path, method, scope) => {
    const body = path.endsWith("query") ? activityBody : path.endsWith("reports") ? reportBody : undefined;
    const result = await call(server.port, path, { token: groupsOnly.token, method, body });
    expect(result.status).toBe(403);
    expect(result.body.error!.code).toBe("insufficient_scope");
    expect(result.body.error!.message).toContain(scope);
    expect(result.headers["www-authenticate"]).toBe(`Bearer error="insufficient_scope", scope="${scope}"`);
    // The same error shape as every other refusal, request_id included (checked by `call`).
    expect((result.sent as { error: { request_id: string } }).error.request_id).toBe(result.headers["request-id"]);
    expect(result.headers.ratelimit).toMatch(/^"default";r=\d+;t=\d+$/);
    documented403(path, method.toLowerCase() as "get" | "post", result);
  });

  it("counts a refusal as out of scope in Usage", async () => {
    const token = await issueToken(actor, { type: "activity", description: "usage of scopes", scopes: ["forms:read"] });
    await call(server.port, "/api/v1/forms", { token: token.token });
    await call(server.port, "/api/v1/users", { token: token.token });
    await call(server.port, "/api/v1/groups", { token: token.token });
    await usage.flush();
    const rows = await getDb().select({ outcome: tokenUsageDaily.outcome, count: tokenUsageDaily.count }).from(tokenUsageDaily).where(eq(tokenUsageDaily.tokenId, token.id));
    expect(Object.fromEntries(rows.map((r) => [r.outcome, r.count]))).toEqual({ allowed: 1, out_of_scope: 2 });
  });

  it("tells a caller from a refused address only that its IP is refused, not which scope is missing", async () => {
    const token = await issueToken(actor, { type: "activity", description: "scoped and whitelisted", scopes: ["groups:read"], ipAllowList: [{ value: "127.0.0.1" }] });
    const result = await call(server.port, "/api/v1/users", { token: token.token, from: "127.0.0.9" });
    expect(result.body.error!.code).toBe("ip_not_allowed");
    expect(result.headers["www-authenticate"]).toBeUndefined();
  });
});

describe("the OpenAPI document", () => {
  it.each([
    ["/api/v1/users", "get", "users:read"],
    ["/api/v1/groups", "get", "groups:read"],
    ["/api/v1/forms", "get", "forms:read"],
    ["/api/v1/activity/query", "post", "activity:read"],
    ["/api/v1/activity/reports", "post", "activity:read"],
  ] as const)("states that %s %s needs %s", (path, method, scope) => {
    const operation = (openApiDocument.paths as unknown as Record<string, Record<string, { security: unknown; "x-required-scope": string }>>)[path]![method]!;
    expect(operation["x-required-scope"]).toBe(scope);
    expect(operation.security).toEqual([{ bearer: [scope] }, { apiTokenHeader: [scope] }]);
  });
});
