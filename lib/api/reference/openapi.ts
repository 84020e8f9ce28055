import { reportRequestSchema, REPORT_TYPES } from "@/lib/activity/reports";
import { reportResponseSchemas } from "@/lib/activity/reports/responses";
import { activityQuerySchema } from "@/lib/activity/schema";
import { linkingValueSchema } from "@/lib/profiles/schema";
import { ACTIVITY_SCOPES, type ActivityScope } from "@/lib/tokens/scopes";
import { z } from "@/lib/zod";
import { API_TAGS } from "./reference-links";
import { errorBody, errorStatus, MAX_BODY_BYTES, type ErrorCode } from "../http/errors";
import {
  GITHUB_SCANS_PER_MINUTE,
  MAX_REPORTED_TOKENS,
  MAX_SCANNING_BODY_BYTES,
  MAX_SCANNING_MATCHES,
  REVOKE_REPORTS_PER_MINUTE,
  revokeRequestSchema,
  scanningMatchesSchema,
} from "../endpoints/leak-reports";
import { referenceIntroduction } from "./openapi-guide";
import { GITHUB_KEY_ID_EXAMPLE, GITHUB_SIGNATURE_EXAMPLE, operationExamples, PROFILE_QUERY_EXAMPLE } from "./openapi-examples";

/** A request schema as the API's own zod schema describes it (what a caller may send). */
function requestSchema(schema: z.ZodType): object {
  const { $schema: _dialect, ...jsonSchema } = z.toJSONSchema(schema, { io: "input" });
  return jsonSchema;
}

const error = (codes: ErrorCode[]) => ({
  type: "object",
  required: ["error"],
  additionalProperties: false,
  properties: {
    error: {
      type: "object",
      required: ["code", "message", "request_id"],
      additionalProperties: false,
      properties: {
        code: { type: "string", enum: codes },
        message: { type: "string" },
        request_id: { type: "string", description: "The response's `Request-Id`: quote it when you ask us about this failure." },
      },
    },
  },
});

const instant = { type: "string", format: "date-time" };

const rateLimitHeaders = {
  "RateLimit-Policy": { description: 'e.g. `"default";q=600;w=60`', schema: { type: "string" } },
  RateLimit: { description: 'e.g. `"default";r=599;t=60`', schema: { type: "string" } },
};

// Sent only when they apply: an expiring token, or the old secret of a reset's overlap.
const lifetimeHeaders = {
  "Hub-Token-Expires": { description: "When the token expires (ISO 8601 UTC); absent for tokens that never expire", schema: instant },
  Deprecation: { description: "Old secret of a reset's overlap (RFC 9745): `@` and the reset's Unix time", schema: { type: "string" } },
  Sunset: { description: "Old secret of a reset's overlap (RFC 8594): when it stops working (HTTP-date)", schema: { type: "string" } },
};

type Examples = Record<string, { summary: string; value: unknown }>;

/** What a token route's answers carry; leak reports (no token) carry only the rate-limit fields. */
const tokenHeaders = { ...rateLimitHeaders, ...lifetimeHeaders };

const json = (schema: object, description: string, extraHeaders: object = {}, examples?: Examples) => ({
  description,
  headers: { ...tokenHeaders, ...extraHeaders },
  content: { "application/json": { schema, ...(examples ? { examples } : {}) } },
});

/**
 * An operation's success body (200 unless said), with its example from openapi-examples.ts, and
 * the headers it carries: a token route's unless said.
 */
function ok<S extends string = "200">(operation: string, schema: object, description: string, status = "200" as S, headers: object = tokenHeaders) {
  const example = operationExamples[operation]!;
  const examples = { [slug(example.responseSummary)]: { summary: example.responseSummary, value: example.response } };
  const response = { description, headers, content: { "application/json": { schema, examples } } };
  return { [status]: response } as Record<S, typeof response>;
}

/** An operation's JSON request body, with its example. */
const body = (operation: string, schema: object) => {
  const example = operationExamples[operation]!;
  const examples = { [slug(example.requestSummary!)]: { summary: example.requestSummary!, value: example.request } };
  return { required: true, content: { "application/json": { schema, examples } } };
};

const slug = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, "_").replace(/^_|_$/g, "");

/** One example per error code: the body it answers with when the call site adds no detail. */
const errorExamples = (codes: ErrorCode[]): Examples =>
  Object.fromEntries(codes.map((code) => [code, { summary: code, value: withExampleRequestId(errorBody(code)) }]));

/** As the server writes it: the error names its request (node-adapter.ts adds the id). */
const EXAMPLE_REQUEST_ID = "0b7c5a52-6f0e-4d7e-9a3c-2f1e8d4b6a90";
const withExampleRequestId = (body: { error: object }) => ({ error: { ...body.error, request_id: EXAMPLE_REQUEST_ID } });

/** The response for these error codes, under the status http/errors.ts gives them (one status each). */
function failure(codes: [ErrorCode, ...ErrorCode[]], description: string, headers: object | null = {}) {
  const status = errorStatus(codes[0]);
  if (codes.some((code) => errorStatus(code) !== status)) throw new Error(`${codes.join(", ")} do not share a status`);
  // Answers given before or without a rate-limit check carry no rate-limit headers.
  const examples = errorExamples(codes);
  const response = headers ? json(error(codes), description, headers, examples) : { description, content: { "application/json": { schema: error(codes), examples } } };
  return { [String(status)]: response };
}

const UNSAFE_INPUT = "control characters (Unicode Cc) or unpaired surrogates anywhere in the query";

const scopeHeader = (scope: ActivityScope) => ({
  "WWW-Authenticate": { description: `With \`insufficient_scope\` (RFC 6750): \`Bearer error="insufficient_scope", scope="${scope}"\``, schema: { type: "string" } },
});

// 500 and 503 carry the rate-limit fields when the token was identified before the failure.
const failures = (tokenType: string, scope?: ActivityScope) => ({
  ...failure(["invalid_token"], "Missing, malformed, unknown, revoked or expired token, or an old secret past its overlap"),
  ...(scope
    ? failure(["wrong_token_type", "ip_not_allowed", "insufficient_scope"], `Not ${tokenType} token, the IP is not whitelisted, or the token lacks the \`${scope}\` scope`, scopeHeader(scope))
    : failure(["wrong_token_type", "ip_not_allowed"], `Not ${tokenType} token, or the IP is not whitelisted`)),
  ...failure(["rate_limited"], "Rate limit exceeded", { "Retry-After": { schema: { type: "integer" } } }),
  ...failure(["internal"], "An unexpected failure on our side (logged)"),
  ...failure(["unavailable"], "Database unreachable"),
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
  gmtoffset: { type: "number" },
  sign_in_count: { type: "integer", minimum: 0 },
  last_sign_in_at: { type: ["string", "null"], format: "date-time" },
  archived: { type: "boolean" },
  groups: { type: "array", items: uuid },
});
const group = strictObject({ id: uuid, name: { type: "string" }, comment: { type: "string" }, member_count: { type: "integer" } });
const form = strictObject({
  id: uuid,
  name: { type: "string" },
  title: { type: "string" },
  archived: { type: "boolean" },
  created_at: instant,
  groups: { type: "array", items: uuid },
  nps: { type: "boolean" },
  form_url: { type: "string", format: "uri" },
});

/** Each report type's body, titled by its type, from the zod schemas in lib/activity/reports. */
export const reportResponses = Object.fromEntries(
  REPORT_TYPES.map((type) => {
    const { $schema: _dialect, ...schema } = z.toJSONSchema(reportResponseSchemas[type]);
    return [type, { title: type, ...schema }];
  }),
) as Record<(typeof REPORT_TYPES)[number], object>;
const metricValue = { type: ["integer", "null"] };
const activityRow = {
  oneOf: [
    strictObject({ user_id: uuid, email: { type: "string" }, value: metricValue }),
    strictObject({ group_id: uuid, name: { type: "string" }, value: metricValue }),
    strictObject({ day: { type: "string", format: "date" }, value: metricValue }),
  ],
};

const bearer = [{ bearer: [] }, { apiTokenHeader: [] }];

/**
 * An Activity operation's token and scope: OpenAPI 3.1 lets a non-OAuth requirement list the
 * roles it needs, and `x-required-scope` says it plainly for tools that ignore those.
 */
const scoped = (scope: ActivityScope) => ({
  security: [{ bearer: [scope] }, { apiTokenHeader: [scope] }],
  "x-required-scope": scope,
});
const needs = (scope: ActivityScope) => `Needs the \`${scope}\` scope ("${ACTIVITY_SCOPES[scope]}" in the token's Scopes); without it: 403 \`insufficient_scope\`.`;

// Leak reports need no token: bounded per client IP, with the same rate-limit fields.
const reportFailures = {
  ...failure(["rate_limited"], "Too many reports from this IP address in the current minute", { "Retry-After": { schema: { type: "integer" } } }),
  ...failure(["internal"], "An unexpected failure on our side (logged)"),
  ...failure(["unavailable"], "Database unreachable"),
};
const scanningLabel = strictObject({ token_raw: { type: "string" }, token_type: { type: "string" }, label: { type: "string", enum: ["true_positive", "false_positive"] } });

const LINKING_ATTRIBUTE_WORDS = "e.g. `email` or `customer_id`";
const PROFILE_LOOKUP_WHY =
  "The value stays out of the URL, and so out of the access logs of proxies, load balancers and servers on the way, and out of browser histories: use this rather than the GET.";
const PROFILE_CONSENT =
  "A profile that has not consented to the token's purpose (Personalisation, Customer service or Analytics) answers exactly like a missing one: 404 `profile_not_found`.";

/** The lookup body: one field, named after the token's linking attribute (so per token), holding the value. */
const LOOKUP_BODY_SCHEMA = {
  type: "object",
  description: `Exactly one field: the token's linking attribute (${LINKING_ATTRIBUTE_WORDS}), holding the value to look up.`,
  minProperties: 1,
  maxProperties: 1,
  additionalProperties: requestSchema(linkingValueSchema),
};

/** The two lookups' answers: the same, but for what makes a request invalid. */
function profileResponses(operation: string, invalid: string) {
  return {
    ...ok(
      operation,
      { type: "object", required: ["data"], additionalProperties: false, properties: { data: { type: "object", description: "The token's exposed attributes only" } } },
      "The profile's exposed attributes",
    ),
    ...failure(["invalid_request"], invalid),
    ...(operation.startsWith("POST") ? failure(["payload_too_large"], `The body is over ${MAX_BODY_BYTES} bytes (nothing more is read; the connection closes)`) : {}),
    ...failure(["profile_not_found"], "No profile matches, or the one that does has not consented to the token's purpose (the same answer)"),
    ...failure(["ambiguous_match"], "More than one profile matches (the data breaks the linking attribute's uniqueness)"),
    ...failures("a Profile Read"),
    // After failures(): one 429 response carries both codes.
    ...failure(
      ["rate_limited", "profile_limit_reached"],
      "Rate limit exceeded, or the token's daily profile limit reached: it has returned its limit of distinct customers today (UTC). Customers it already returned today are still served; any other lookup, found or not, answers `profile_limit_reached` until midnight UTC (Retry-After)",
      { "Retry-After": { schema: { type: "integer" } } },
    ),
  };
}

/** The profile lookup's one parameter: named after the token's linking attribute, so per token. */
export const LINKING_PARAMETER = "{linking attribute}";

/**
 * OpenAPI 3.1 description of /api/v1. Request schemas are generated from the zod schemas the
 * API parses with; tests check real responses, and sample requests, against it.
 */
export const openApiDocument = {
  openapi: "3.1.0",
  info: {
    title: "Hub API",
    version: "1.0.0",
    description: referenceIntroduction(),
  },
  // The reference's sections, in this order; every operation carries one of these tags.
  tags: [
    { name: API_TAGS.activity, description: "Team-performance data for Activity tokens (`hub_act_…`): users, groups, forms, metrics and reports." },
    {
      name: API_TAGS.profileRead,
      description:
        "One customer profile at a time for Profile Read tokens (`hub_prf_…`), only the attributes the token exposes, only from whitelisted IPs, only with the customer's consent to the token's purpose. Look profiles up with `POST /api/v1/profile/lookup`: the value (an email address, a customer id) travels in the body, so it stays out of URLs and proxy logs. `GET /api/v1/profile?<attribute>=<value>` answers the same.",
    },
    { name: API_TAGS.tokens, description: "Managing tokens themselves, e.g. reporting a leaked token so it is revoked." },
    { name: API_TAGS.service, description: "Whether the API process is up." },
  ],
  servers: [{ url: "/" }],
  components: {
    securitySchemes: {
      bearer: { type: "http", scheme: "bearer", description: "Authorization: Bearer hub_act_… or hub_prf_…" },
      apiTokenHeader: { type: "apiKey", in: "header", name: "Auth-Api-Token" },
    },
  },
  paths: {
    "/api/v1/live": {
      get: {
        tags: [API_TAGS.service],
        operationId: "getLive",
        summary: "Liveness: the process answers (no token, no database)",
        responses: {
          "200": {
            description: "The API process is up",
            content: {
              "application/json": {
                schema: strictObject({ ok: { type: "boolean" }, tokenCache: { type: "string", enum: ["live", "off"] } }),
                examples: { up: { summary: operationExamples["GET /api/v1/live"]!.responseSummary, value: operationExamples["GET /api/v1/live"]!.response } },
              },
            },
          },
        },
      },
    },
    "/api/v1/tokens/revoke": {
      post: {
        tags: [API_TAGS.tokens],
        operationId: "revokeTokens",
        summary: "Report leaked Hub tokens: each live one is revoked at once (no authentication)",
        description:
          `For anyone who finds a Hub token (hub_act_… or hub_prf_…). Every live token in \`tokens\` (current secret, or a reset's old secret still in its overlap, which ends the whole token) is revoked as "reported as leaked" and shows "Compromised" to its owner. The answer is the same 202 whatever the tokens were: it never says which existed. At most ${MAX_REPORTED_TOKENS} tokens; bounded per client IP (${REVOKE_REPORTS_PER_MINUTE} a minute). The body is read as JSON whatever Content-Type says.`,
        security: [],
        requestBody: body("POST /api/v1/tokens/revoke", requestSchema(revokeRequestSchema)),
        responses: {
          ...ok(
            "POST /api/v1/tokens/revoke",
            { type: "object", required: ["data"], additionalProperties: false, properties: { data: strictObject({ received: { type: "integer", minimum: 0 } }) } },
            "Received: `received` is how many tokens the body held",
            "202",
            rateLimitHeaders,
          ),
          ...failure(["invalid_request"], `The body is not JSON, not \`{ tokens: string[] }\`, or holds more than ${MAX_REPORTED_TOKENS} tokens`),
          ...failure(["payload_too_large"], `The body is over ${MAX_BODY_BYTES} bytes (nothing more is read; the connection closes)`),
          ...reportFailures,
        },
      },
    },
    "/api/v1/secret-scanning/github": {
      post: {
        tags: [API_TAGS.tokens],
        operationId: "reportGitHubSecretScanningMatches",
        summary: "GitHub secret scanning partner endpoint",
        description: `GitHub's secret-scanning partner format. \`Github-Public-Key-Signature\` (base64 DER ECDSA P-256 over the raw body, SHA-256) must verify under the key named by \`Github-Public-Key-Identifier\` among the operator's SECRET_SCANNING_PUBLIC_KEYS; 404 when none are configured. Each live match is revoked as "reported as leaked", its \`url\` kept as where it was found. Bodies up to ${MAX_SCANNING_BODY_BYTES} bytes, at most ${MAX_SCANNING_MATCHES} matches; bounded per client IP (${GITHUB_SCANS_PER_MINUTE} a minute).`,
        security: [],
        parameters: [
          { name: "Github-Public-Key-Identifier", in: "header", required: true, schema: { type: "string" }, example: GITHUB_KEY_ID_EXAMPLE },
          { name: "Github-Public-Key-Signature", in: "header", required: true, schema: { type: "string" }, example: GITHUB_SIGNATURE_EXAMPLE },
        ],
        requestBody: body("POST /api/v1/secret-scanning/github", requestSchema(scanningMatchesSchema)),
        responses: {
          ...ok("POST /api/v1/secret-scanning/github", { type: "array", items: scanningLabel }, "One label per match: true_positive when it was a live Hub token", "200", rateLimitHeaders),
          ...failure(["invalid_request"], "Signed, but not a list of matches"),
          ...failure(["invalid_signature"], "Missing or wrong signature, or an unknown key identifier"),
          ...failure(["not_found"], "Secret scanning is not configured on this server"),
          ...failure(["payload_too_large"], `The body is over ${MAX_SCANNING_BODY_BYTES} bytes`),
          ...reportFailures,
        },
      },
    },
    "/api/v1/users": {
      get: { tags: [API_TAGS.activity], operationId: "listUsers", summary: "Team members", description: needs("users:read"), ...scoped("users:read"), responses: { ...ok("GET /api/v1/users", list(user), "Team members"), ...failure(["invalid_request"], `Query parameters with ${UNSAFE_INPUT}`), ...failures("an Activity", "users:read") } },
    },
    "/api/v1/groups": {
      get: { tags: [API_TAGS.activity], operationId: "listGroups", summary: "Groups", description: needs("groups:read"), ...scoped("groups:read"), responses: { ...ok("GET /api/v1/groups", list(group), "Groups"), ...failure(["invalid_request"], `Query parameters with ${UNSAFE_INPUT}`), ...failures("an Activity", "groups:read") } },
    },
    "/api/v1/forms": {
      get: { tags: [API_TAGS.activity], operationId: "listForms", summary: "Forms", description: needs("forms:read"), ...scoped("forms:read"), responses: { ...ok("GET /api/v1/forms", list(form), "Forms"), ...failure(["invalid_request"], `Query parameters with ${UNSAFE_INPUT}`), ...failures("an Activity", "forms:read") } },
    },
    "/api/v1/activity/query": {
      post: {
        tags: [API_TAGS.activity],
        operationId: "queryActivity",
        summary: "One metric over whole UTC days, grouped by user, group or day",
        description: `\`from\` must not be after \`to\`, both must be real dates, and the range may span at most 366 days. ${needs("activity:read")}`,
        ...scoped("activity:read"),
        requestBody: body("POST /api/v1/activity/query", requestSchema(activityQuerySchema)),
        responses: {
          ...ok("POST /api/v1/activity/query", list(activityRow), "One row per user, group or day"),
          ...failure(["invalid_request"], `The body is not a valid query, or has ${UNSAFE_INPUT} or body`),
          ...failure(["payload_too_large"], `The body is over ${MAX_BODY_BYTES} bytes (nothing more is read; the connection closes)`),
          ...failures("an Activity", "activity:read"),
        },
      },
    },
    "/api/v1/activity/reports": {
      post: {
        tags: [API_TAGS.activity],
        operationId: "activityReport",
        summary: "One of twelve team-performance reports, as partners' report scripts call them",
        description:
          "The body is parsed as JSON whatever Content-Type says. Dates are ISO 8601 date-times with an offset; date_to must be later than date_from, at most 12 calendar months after it, and date_from not in the future. users, groups and form must be ids of the token's account; NPS reports need a form with nps: true. Time series are hourly under 96 hours, daily otherwise, on date_from's wall clock. The 200 body depends on `type`: one schema per type, titled by it (several array reports look alike when empty, so they are listed as anyOf). " +
          needs("activity:read"),
        ...scoped("activity:read"),
        requestBody: body("POST /api/v1/activity/reports", requestSchema(reportRequestSchema)),
        responses: {
          ...ok("POST /api/v1/activity/reports", { anyOf: Object.values(reportResponses) }, "The report, bare (not wrapped in data)"),
          ...failure(["invalid_request"], "The body is not a valid report request; the message names the problem"),
          ...failures("an Activity", "activity:read"),
        },
      },
    },
    // Before the GET: the reference lists a section's operations in this order, and the POST is the one to use.
    "/api/v1/profile/lookup": {
      post: {
        tags: [API_TAGS.profileRead],
        operationId: "lookUpProfile",
        summary: "One profile, by the token's linking attribute in the body (recommended)",
        description: `${PROFILE_LOOKUP_WHY} The body is a JSON object with exactly one field, the token's linking attribute, e.g. \`{"email": "jane@example.com"}\`; send it as \`Content-Type: application/json\`. The URL takes no query parameters. The answers, the access log's record and the rate limit are those of \`GET /api/v1/profile\`. ${PROFILE_CONSENT}`,
        security: bearer,
        requestBody: body("POST /api/v1/profile/lookup", LOOKUP_BODY_SCHEMA),
        responses: profileResponses("POST /api/v1/profile/lookup", `The body is not JSON, not sent as JSON, not an object with exactly one field, the token's linking attribute, holding non-empty text, or has ${UNSAFE_INPUT} or body; or the URL has a query`),
      },
    },
    "/api/v1/profile": {
      get: {
        tags: [API_TAGS.profileRead],
        operationId: "getProfile",
        summary: "One profile, by the token's linking attribute in the query",
        description: `Pass exactly one query parameter: the token's linking attribute, e.g. \`?email=jane@example.com\`. Prefer \`POST /api/v1/profile/lookup\`: a value in the URL is written to the access logs of every proxy and server on the way. ${PROFILE_CONSENT}`,
        security: bearer,
        parameters: [{ name: LINKING_PARAMETER, in: "query", required: true, schema: requestSchema(linkingValueSchema), example: PROFILE_QUERY_EXAMPLE }],
        responses: profileResponses("GET /api/v1/profile", `Another parameter than the linking attribute, or ${UNSAFE_INPUT}`),
      },
    },
  },
} as const;
