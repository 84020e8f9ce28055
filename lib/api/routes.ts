import { activityQuerySchema } from "@/lib/activity/schema";
import { listForms, listGroups, listMembers, runActivityQuery } from "@/lib/activity/queries";
import { runReport } from "@/lib/activity/reports";
import { log } from "@/lib/log";
import { authenticate, cachedRateHeaders, identifiedRateHeaders, presentedToken } from "./authenticate";
import { databaseBreaker, isConnectionFailure } from "./database-breaker";
import { describeError } from "./error-log";
import { apiError, RequestError } from "./errors";
import { unsafeQuery } from "./input";
import { openApiDocument } from "./openapi";
import { readProfile } from "./profile-read";
import { tokenCache, type ApiToken, type TokenType } from "./token-cache";
import type { ApiRequest, ApiResponse } from "./types";

type Handler = (request: ApiRequest, token: ApiToken) => Promise<ApiResponse>;
interface Route {
  method: "GET" | "POST";
  path: string;
  type: TokenType;
  handler: Handler;
}

const ok = (body: unknown): ApiResponse => ({ status: 200, body });

export const routes: Route[] = [
  { method: "GET", path: "/api/v1/users", type: "activity", handler: async (_r, t) => ok({ data: await listMembers(t.accountId) }) },
  { method: "GET", path: "/api/v1/groups", type: "activity", handler: async (_r, t) => ok({ data: await listGroups(t.accountId) }) },
  { method: "GET", path: "/api/v1/forms", type: "activity", handler: async (_r, t) => ok({ data: await listForms(t.accountId) }) },
  {
    method: "POST",
    path: "/api/v1/activity/query",
    type: "activity",
    handler: async (request, token) => {
      const body = await request.readJson();
      const parsed = activityQuerySchema.safeParse(body);
      if (!parsed.success) return apiError("invalid_request", parsed.error.issues.map((i) => i.message).join("; "));
      return ok({ data: await runActivityQuery(token.accountId, parsed.data) });
    },
  },
  {
    method: "POST",
    path: "/api/v1/activity/reports",
    type: "activity",
    handler: async (request, token) => {
      const report = await runReport(token.accountId, await request.readJson({ anyContentType: true }));
      // Reports answer bare, not wrapped in `data`: partners' scripts read them that way.
      return report.ok ? ok(report.body) : apiError("invalid_request", report.message);
    },
  },
  { method: "GET", path: "/api/v1/profile", type: "profile_read", handler: readProfile },
];

/** Routes /api/v1 requests: authenticate for the route's token type, then call its handler. */
export async function routeApiRequest(request: ApiRequest): Promise<ApiResponse> {
  if (request.method === "GET" && request.path === "/api/v1/live") {
    // Liveness: no token, no database (readiness, which asks the database, is /api/ready);
    // says whether the token cache is on.
    return { status: 200, body: { ok: true, tokenCache: tokenCache.isLive() ? "live" : "off" } };
  }
  if (request.method === "GET" && request.path === "/api/v1/openapi.json") {
    return { status: 200, body: openApiDocument, headers: { "Cache-Control": "public, max-age=300" } };
  }
  const matching = routes.filter((r) => r.path === request.path);
  const route = matching.find((r) => r.method === request.method);
  const misrouted = route ? null : misroutedAnswer(matching);
  // Without a token there is nothing to look up: no database, as before.
  if (misrouted && !presentedToken(request)) return misrouted;
  if (!databaseBreaker.admit()) return withHeaders(misrouted ?? apiError("unavailable"), await cachedRateHeaders(request));
  let outcome: Parameters<typeof databaseBreaker.settle>[0] = "skipped";
  // The token's rate-limit fields, once it is identified: every answer from then on carries them.
  let rate: Record<string, string> = {};
  try {
    if (!route) return withHeaders(misrouted!, (rate = await identifiedRateHeaders(request)));
    const auth = await authenticate(request, route.type);
    if (!auth.ok) return auth.response;
    rate = auth.headers;
    const unsafe = unsafeQuery(request.query);
    if (unsafe) return apiError("invalid_request", unsafe, rate);
    // Every handler queries the database, so getting an answer means it is there.
    const response = await route.handler(request, auth.token);
    outcome = "reached";
    return withHeaders(response, rate);
  } catch (error) {
    if (error instanceof RequestError) return apiError(error.code, error.message, rate);
    outcome = { error };
    // Unreachable database: 503 with Retry-After, never a guess from what may be stale.
    if (isConnectionFailure(error)) return apiError("unavailable", undefined, rate);
    // Anything else is ours: logged with its cause (never the request's values), 500.
    log.error({ method: request.method, path: request.path, error: describeError(error) }, "api request failed");
    return apiError("internal", undefined, rate);
  } finally {
    databaseBreaker.settle(outcome);
  }
}

function misroutedAnswer(matching: Route[]): ApiResponse {
  if (matching.length === 0) return apiError("not_found");
  const allowed = matching.map((r) => r.method);
  return apiError("method_not_allowed", `Use ${allowed.join(" or ")} for this endpoint.`, { Allow: allowed.join(", ") });
}

/** The handler's own headers win over the rate-limit fields (none overlap today). */
const withHeaders = (response: ApiResponse, headers: Record<string, string>): ApiResponse => ({
  ...response,
  headers: { ...headers, ...response.headers },
});
