import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseReportRequest } from "@/lib/activity/reports";
import { activityQuerySchema, GROUP_BY, METRICS } from "@/lib/activity/schema";
import { parseLookupBody, profileQuerySchema } from "@/lib/profiles/schema";
import { apiError, MAX_BODY_BYTES } from "../http/errors";
import { revokeRequestSchema, scanningMatchesSchema } from "../endpoints/leak-reports";
import { LINKING_PARAMETER, openApiDocument } from "./openapi";
import { publicRoutes } from "../http/routes";

// The document's request half against what the API accepts: the same samples through ajv on
// the published schema and through the zod schema the handler parses with.
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);

const activityBody = ajv.compile(openApiDocument.paths["/api/v1/activity/query"].post.requestBody.content["application/json"].schema);
const activityAccepts = (body: unknown) => activityQuerySchema.safeParse(body).success;
const valid = { metric: "cases_closed", from: "2026-11-01", to: "2026-11-14", group_by: "day" };

/** The query the document describes for a token linked on `key`: its parameters, and no others. */
function documentedQuery(key: string) {
  const parameters = openApiDocument.paths["/api/v1/profile"].get.parameters;
  const properties = Object.fromEntries(parameters.map((p) => [p.name === LINKING_PARAMETER ? key : p.name, p.schema]));
  const required = parameters.filter((p) => p.required).map((p) => (p.name === LINKING_PARAMETER ? key : p.name));
  return ajv.compile({ type: "object", properties, required, additionalProperties: false });
}

describe("OpenAPI request schemas", () => {
  it.each([
    [valid, true],
    [{ ...valid, metric: "average_response_seconds", group_by: "user" }, true],
    [{ ...valid, metric: "revenue" }, false],
    [{ ...valid, group_by: "week" }, false],
    [{ ...valid, from: "1 Nov 2026" }, false],
    [{ ...valid, from: "2026-11-01T00:00:00+10:00", to: "2026-11-14T23:59:59.5Z" }, true],
    [{ ...valid, from: "2026-11-01T00:00:00" }, false],
    [{ ...valid, to: 20261114 }, false],
    [{ ...valid, extra: 1 }, false],
    [{ metric: "cases_closed", from: "2026-11-01", to: "2026-11-14" }, false],
    [[], false],
    [null, false],
  ])("activity query %j: document and API both say %s", (body, accepted) => {
    expect(activityBody(body)).toBe(accepted);
    expect(activityAccepts(body)).toBe(accepted);
  });

  // Cross-field and calendar rules JSON Schema cannot state: the document says them in words.
  it.each([
    { ...valid, from: "2026-11-15" },
    { ...valid, from: "2026-02-30", to: "2026-03-01" },
    { ...valid, from: "2024-01-01", to: "2026-03-01" },
  ])("activity query %j: only the API refuses (the document's description names the rule)", (body) => {
    expect(activityBody(body)).toBe(true);
    expect(activityAccepts(body)).toBe(false);
  });

  it("never refuses a query the API accepts", () => {
    const day = fc.date({ min: new Date("2000-01-01"), max: new Date("2099-12-31"), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    const body = fc.record({ metric: fc.constantFrom(...METRICS, "x"), from: day, to: day, group_by: fc.constantFrom(...GROUP_BY, "x") });
    fc.assert(
      fc.property(body, (b) => {
        if (activityAccepts(b)) expect(activityBody(b)).toBe(true);
        else if (b.metric === "x" || b.group_by === "x") expect(activityBody(b)).toBe(false);
      }),
    );
  });

  const reportBody = ajv.compile(openApiDocument.paths["/api/v1/activity/reports"].post.requestBody.content["application/json"].schema);
  const report = { type: "summary", date_from: "2026-04-01T00:00+11:00", date_to: "2026-04-30T23:59:59.999Z" };
  const form = "5b0e8f1a-3c2d-4e5f-8a9b-0c1d2e3f4a5b";
  it.each([
    [report, true],
    [{ ...report, users: form, groups: null, unknown: 1 }, true],
    [{ ...report, type: "nps_volume", form, nps_category: "passives" }, true],
    [{ ...report, type: "nps_volume" }, false],
    [{ ...report, type: "nps_summary", form, nps_category: "fans" }, false],
    [{ ...report, type: "agents" }, false],
    [{ ...report, date_from: "2026-04-01" }, false],
    [{ ...report, date_to: "2026-04-30T23:59:59" }, false],
    [{ ...report, users: [42] }, false],
    [[], false],
  ])("activity report %j: document and API both say %s", (body, accepted) => {
    expect(reportBody(body)).toBe(accepted);
    expect(parseReportRequest(body, Date.parse("2026-11-28T00:00:00Z")).ok).toBe(accepted);
  });

  it.each([
    [{ email: "jane@example.com" }, true],
    [{ email: "" }, false],
    [{}, false],
    [{ customer_id: "C-00001" }, false],
    [{ email: "jane@example.com", customer_id: "C-00001" }, false],
  ])("profile query %j for a token linked on email: document and API both say %s", (query, accepted) => {
    expect(documentedQuery("email")(query)).toBe(accepted);
    expect(profileQuerySchema("email").safeParse(query).success).toBe(accepted);
  });
});

describe("OpenAPI: the profile lookup's body", () => {
  const lookupBody = ajv.compile(openApiDocument.paths["/api/v1/profile/lookup"].post.requestBody.content["application/json"].schema);
  it.each([
    [{ email: "jane@example.com" }, true],
    [{ email: "" }, false],
    [{ email: 42 }, false],
    [{ email: null }, false],
    [{}, false],
    [{ email: "jane@example.com", customer_id: "C-00001" }, false],
    [["jane@example.com"], false],
    ["jane@example.com", false],
  ])("%j for a token linked on email: document and API both say %s", (body, accepted) => {
    expect(lookupBody(body)).toBe(accepted);
    expect(parseLookupBody(body, "email").ok).toBe(accepted);
  });

  it("another attribute than the token's: only the API refuses (the field is named per token, in words)", () => {
    expect(lookupBody({ customer_id: "C-00001" })).toBe(true);
    expect(parseLookupBody({ customer_id: "C-00001" }, "email").ok).toBe(false);
  });

  it("comes before the GET, which the reference therefore lists second, and both say why", () => {
    const profilePaths = Object.keys(openApiDocument.paths).filter((path) => path.startsWith("/api/v1/profile"));
    expect(profilePaths).toEqual(["/api/v1/profile/lookup", "/api/v1/profile"]);
    expect(openApiDocument.paths["/api/v1/profile/lookup"].post.description).toMatch(/stays out of the URL.*proxies/);
    expect(openApiDocument.paths["/api/v1/profile"].get.description).toMatch(/Prefer `POST \/api\/v1\/profile\/lookup`/);
  });
});

describe("OpenAPI: leak reports", () => {
  const revokeBody = ajv.compile(openApiDocument.paths["/api/v1/tokens/revoke"].post.requestBody.content["application/json"].schema);
  const scanBody = ajv.compile(openApiDocument.paths["/api/v1/secret-scanning/github"].post.requestBody.content["application/json"].schema);
  it.each([
    [{ tokens: [] }, true],
    [{ tokens: ["hub_act_x"] }, true],
    [{ tokens: Array.from({ length: 101 }, () => "t") }, false],
    [{ tokens: "hub_act_x" }, false],
    [{}, false],
  ])("revoke body %j: document and API both say %s", (body, accepted) => {
    expect(revokeBody(body)).toBe(accepted);
    expect(revokeRequestSchema.safeParse(body).success).toBe(accepted);
  });
  it.each([
    [[{ token: "t", type: "hub", url: "https://x", source: "content" }], true],
    [[{ token: "t", type: "hub" }], true],
    [[{ type: "hub" }], false],
    [{ token: "t", type: "hub" }, false],
  ])("scan body %j: document and API both say %s", (body, accepted) => {
    expect(scanBody(body)).toBe(accepted);
    expect(scanningMatchesSchema.safeParse(body).success).toBe(accepted);
  });
});

describe("the limits the document states", () => {
  type Post = { post: { description: string; responses: Record<string, { description: string }> } };
  const paths = openApiDocument.paths as unknown as Record<string, Post>;
  const stated = (text: string, pattern: RegExp) => Number(pattern.exec(text)?.[1]);

  it("are the per-IP rates the public routes are counted with", () => {
    for (const route of publicRoutes) {
      const description = paths[route.path]!.post.description;
      expect(stated(description, /\((\d+) a minute\)/)).toBe(route.perMinute);
    }
  });

  it("are the body size the adapter reads and the 413 states", () => {
    const tooLarge = ["/api/v1/tokens/revoke", "/api/v1/activity/query", "/api/v1/profile/lookup"].map((path) => paths[path]!.post.responses["413"]!.description);
    for (const description of tooLarge) expect(stated(description, /over (\d+) bytes/)).toBe(MAX_BODY_BYTES);
    expect(apiError("payload_too_large").body).toMatchObject({ error: { message: `The request body may be at most ${MAX_BODY_BYTES} bytes.` } });
  });

  it("are how many tokens a report and matches a scan may hold", () => {
    const tokens = stated(paths["/api/v1/tokens/revoke"]!.post.description, /At most (\d+) tokens/);
    expect(revokeRequestSchema.safeParse({ tokens: Array(tokens).fill("hub_act_x") }).success).toBe(true);
    expect(revokeRequestSchema.safeParse({ tokens: Array(tokens + 1).fill("hub_act_x") }).success).toBe(false);
    const matches = stated(paths["/api/v1/secret-scanning/github"]!.post.description, /at most (\d+) matches/);
    const match = { token: "hub_act_x", type: "hub_api_token" };
    expect(scanningMatchesSchema.safeParse(Array(matches).fill(match)).success).toBe(true);
    expect(scanningMatchesSchema.safeParse(Array(matches + 1).fill(match)).success).toBe(false);
  });
});
