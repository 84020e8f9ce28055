import { GROUP_BY, METRICS } from "@/lib/activity/schema";

const error = (codes: string[]) => ({
  type: "object",
  required: ["error"],
  additionalProperties: false,
  properties: {
    error: {
      type: "object",
      required: ["code", "message"],
      additionalProperties: false,
      properties: { code: { type: "string", enum: codes }, message: { type: "string" } },
    },
  },
});

const rateLimitHeaders = {
  "RateLimit-Policy": { description: 'e.g. `"default";q=600;w=60`', schema: { type: "string" } },
  RateLimit: { description: 'e.g. `"default";r=599;t=60`', schema: { type: "string" } },
};

const json = (schema: object, description: string, extraHeaders: object = {}) => ({
  description,
  headers: { ...rateLimitHeaders, ...extraHeaders },
  content: { "application/json": { schema } },
});

const failures = (tokenType: string) => ({
  "401": json(error(["invalid_token"]), "Missing, malformed, unknown or revoked token"),
  "403": json(error(["wrong_token_type", "ip_not_allowed"]), `Not ${tokenType} token, or the IP is not whitelisted`),
  "429": json(error(["rate_limited"]), "Rate limit exceeded", { "Retry-After": { schema: { type: "integer" } } }),
  "500": { description: "An unexpected failure on our side (logged)", content: { "application/json": { schema: error(["internal"]) } } },
  "503": { description: "Database unreachable", content: { "application/json": { schema: error(["unavailable"]) } } },
});

const list = (item: object) => ({ type: "object", required: ["data"], additionalProperties: false, properties: { data: { type: "array", items: item } } });
const uuid = { type: "string", format: "uuid" };
const strictObject = (properties: Record<string, object>) => ({
  type: "object",
  required: Object.keys(properties),
  additionalProperties: false,
  properties,
});

const user = strictObject({
  id: uuid,
  email: { type: "string" },
  first_name: { type: "string" },
  last_name: { type: "string" },
  timezone: { type: "string" },
  archived: { type: "boolean" },
  groups: { type: "array", items: strictObject({ id: uuid, name: { type: "string" } }) },
});
const group = strictObject({ id: uuid, name: { type: "string" }, member_count: { type: "integer" } });
const form = strictObject({ id: uuid, name: { type: "string" } });
const metricValue = { type: ["integer", "null"] };
const activityRow = {
  oneOf: [
    strictObject({ user_id: uuid, email: { type: "string" }, value: metricValue }),
    strictObject({ group_id: uuid, name: { type: "string" }, value: metricValue }),
    strictObject({ day: { type: "string", format: "date" }, value: metricValue }),
  ],
};

const bearer = [{ bearer: [] }, { apiTokenHeader: [] }];

/** OpenAPI 3.1 description of /api/v1; tests check real responses against it. */
export const openApiDocument = {
  openapi: "3.1.0",
  info: {
    title: "Hub API",
    version: "1.0.0",
    description:
      "Activity and Profile Read APIs, authenticated with API tokens from Manage › Integrations › API Tokens. Every response carries RateLimit-Policy and RateLimit headers.",
  },
  servers: [{ url: "/" }],
  components: {
    securitySchemes: {
      bearer: { type: "http", scheme: "bearer", description: "Authorization: Bearer hub_act_… or hub_prf_…" },
      apiTokenHeader: { type: "apiKey", in: "header", name: "Auth-Api-Token" },
    },
  },
  paths: {
    "/api/v1/health": {
      get: {
        summary: "Liveness (no token)",
        responses: {
          "200": {
            description: "The API process is up",
            content: { "application/json": { schema: strictObject({ ok: { type: "boolean" }, tokenCache: { type: "string", enum: ["live", "off"] } }) } },
          },
        },
      },
    },
    "/api/v1/users": {
      get: { summary: "Team members", security: bearer, responses: { "200": json(list(user), "Team members"), ...failures("an Activity") } },
    },
    "/api/v1/groups": {
      get: { summary: "Groups", security: bearer, responses: { "200": json(list(group), "Groups"), ...failures("an Activity") } },
    },
    "/api/v1/forms": {
      get: { summary: "Forms", security: bearer, responses: { "200": json(list(form), "Forms"), ...failures("an Activity") } },
    },
    "/api/v1/activity/query": {
      post: {
        summary: "One metric over whole UTC days, grouped by user, group or day",
        security: bearer,
        requestBody: {
          required: true,
          content: {
            "application/json": {
              schema: strictObject({
                metric: { type: "string", enum: [...METRICS] },
                from: { type: "string", format: "date" },
                to: { type: "string", format: "date" },
                group_by: { type: "string", enum: [...GROUP_BY] },
              }),
            },
          },
        },
        responses: {
          "200": json(list(activityRow), "One row per user, group or day"),
          "400": json(error(["invalid_request"]), "The body is not a valid query"),
          ...failures("an Activity"),
        },
      },
    },
    "/api/v1/profile": {
      get: {
        summary: "One profile, by the token's linking attribute",
        description: "Pass exactly one query parameter: the token's linking attribute, e.g. `?email=jane@example.com`.",
        security: bearer,
        parameters: [{ name: "{linking attribute}", in: "query", required: true, schema: { type: "string" } }],
        responses: {
          "200": json(
            { type: "object", required: ["data"], additionalProperties: false, properties: { data: { type: "object", description: "The token's exposed attributes only" } } },
            "The profile's exposed attributes",
          ),
          "400": json(error(["invalid_request"]), "Another parameter than the linking attribute"),
          "404": json(error(["profile_not_found"]), "No profile matches"),
          ...failures("a Profile Read"),
        },
      },
    },
  },
} as const;
