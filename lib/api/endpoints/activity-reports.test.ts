import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPORT_TYPES } from "@/lib/activity/reports";
import { activityReportsCurl } from "@/lib/tokens/curl-example";
import { issueToken, seedApiAccount } from "@/test/api-fixtures";
import { call, startApiServer } from "@/test/api-server";
import { withTestDatabase } from "@/test/database";
import { openApiDocument, reportResponses } from "../reference/openapi";

withTestDatabase();

// Every report's real response against the OpenAPI document: its own type's schema, and the
// published 200 response as a whole.
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
const operation = openApiDocument.paths["/api/v1/activity/reports"].post;
const responses = operation.responses as Record<string, { content: { "application/json": { schema: object } } }>;
const documented200 = ajv.compile(responses["200"]!.content["application/json"].schema);
const documented400 = ajv.compile(responses["400"]!.content["application/json"].schema);
const documentedBody = ajv.compile(operation.requestBody.content["application/json"].schema);

let server: Awaited<ReturnType<typeof startApiServer>>;
let token: string;
let npsForm: string;
beforeAll(async () => {
  const { actor } = await seedApiAccount();
  server = await startApiServer();
  ({ token } = await issueToken(actor, { type: "activity", description: "reports" }));
  const forms = await call(server.port, "/api/v1/forms", { token });
  npsForm = (forms.body.data as Array<{ id: string; nps: boolean; archived: boolean }>).find((f) => f.nps && !f.archived)!.id;
}, 180_000);
afterAll(async () => {
  await server?.close();
});

const day = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d+Z$/, "Z");
const last30 = () => ({ date_from: iso(Date.now() - 30 * day), date_to: iso(Date.now()) });
const post = (body: unknown, options: Parameters<typeof call>[2] = {}) =>
  call(server.port, "/api/v1/activity/reports", { method: "POST", token, body, ...options });

describe("POST /api/v1/activity/reports", () => {
  it.each(REPORT_TYPES)("%s: 200 with the documented body", async (type) => {
    const body = { type, ...last30(), ...(type.startsWith("nps") ? { form: npsForm } : {}) };
    expect(documentedBody(body), JSON.stringify(ajv.errors)).toBe(true);
    const result = await post(body);
    expect(result.status, JSON.stringify(result.body)).toBe(200);
    expect(ajv.validate(reportResponses[type], result.body), JSON.stringify(ajv.errors)).toBe(true);
    expect(documented200(result.sent)).toBe(true);
    expect(JSON.stringify(result.body)).toMatch(/[1-9]/); // the seeded month is never all zeros
    expect(result.headers.ratelimit).toMatch(/^"default";r=\d+;t=\d+$/);
  });

  it("answers the console's ready curl", async () => {
    const rawBody = /-d '([^']+)'/.exec(activityReportsCurl("", new Date()))![1]!;
    const result = await post(undefined, { rawBody });
    expect(result.status).toBe(200);
    expect(result.body.total_volume).toBeGreaterThan(0);
  });

  it("parses the body as JSON whatever Content-Type says", async () => {
    const rawBody = JSON.stringify({ type: "summary", ...last30() });
    for (const contentType of ["text/plain", "application/x-www-form-urlencoded"]) {
      const result = await post(undefined, { rawBody, headers: { "Content-Type": contentType } });
      expect(result.status).toBe(200);
      expect(result.body.total_volume).toBeGreaterThan(0);
    }
  });

  it.each([
    ["not JSON", { rawBody: "{type: summary" }],
    ["a JSON array", { body: [] }],
    ["an empty body", { rawBody: "" }],
    ["an unknown type", { body: { type: "agents", date_from: "2026-01-01T00:00:00Z", date_to: "2026-01-02T00:00:00Z" } }],
  ])("%s → 400 invalid_request", async (_name, options) => {
    const result = await post(undefined, options);
    expect(result.status).toBe(400);
    expect(result.body.error?.code).toBe("invalid_request");
    expect(documented400(result.sent)).toBe(true);
  });

  it("another account's ids answer like unknown ids", async () => {
    const other = await seedApiAccount();
    const { token: otherToken } = await issueToken(other.actor, { type: "activity", description: "other" });
    const theirUsers = await call(server.port, "/api/v1/users", { token: otherToken });
    const theirUser = (theirUsers.body.data as Array<{ id: string }>)[0]!.id;
    const theirs = await post({ type: "summary", ...last30(), users: [theirUser] });
    const unknown = await post({ type: "summary", ...last30(), users: ["0b7c6a52-7d1e-4b8a-9f3e-2a1c5d6e7f80"] });
    expect(theirs.status).toBe(400);
    expect(theirs.body).toEqual(unknown.body);
  }, 120_000);
});

describe("POST /api/v1/activity/query (existing callers)", () => {
  it("accepts dates and ISO 8601 date-times with offsets", async () => {
    const query = (from: string, to: string) =>
      call(server.port, "/api/v1/activity/query", { method: "POST", token, body: { metric: "messages_sent", from, to, group_by: "day" } });
    const dates = await query(iso(Date.now() - 8 * day).slice(0, 10), iso(Date.now() - 2 * day).slice(0, 10));
    expect(dates.status).toBe(200);
    expect(dates.body.data).toHaveLength(7);
    const from = iso(Date.now() - 8 * day).slice(0, 10);
    const instants = await query(`${from}T00:00:00+00:00`, `${iso(Date.now() - 2 * day).slice(0, 10)}T23:59:59Z`);
    expect(instants.status).toBe(200);
    expect(instants.body.data).toEqual(dates.body.data);
    const noOffset = await query(`${from}T00:00:00`, `${from}T12:00:00`);
    expect(noOffset.status).toBe(400);
  });
});
