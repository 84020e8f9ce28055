import { log } from "@/lib/log";
import { cachedRateHeaders, decide, identify, misroutedRateHeaders, readCredential, type AskFor, type Credential } from "../auth/authenticate";
import { recordOutcome } from "../auth/record-outcome";
import { databaseBreaker, isConnectionFailure } from "./database-breaker";
import { describeError } from "@/lib/error-log";
import { limiterKey } from "@/lib/net/limiter-key";
import { apiError, RequestError } from "./errors";
import { unsafeQuery } from "./input";
import { getForms, getGroups, getUsers, postActivityQuery, postActivityReports } from "../endpoints/activity";
import { GITHUB_SCANS_PER_MINUTE, receiveGitHubScan, reportLeakedTokens, REVOKE_REPORTS_PER_MINUTE } from "../endpoints/leak-reports";
import { openApiDocument } from "../reference/openapi";
import type { PrefetchedProfile } from "../auth/cold-lookup";
import { lookUpProfile, profileAsk, profileBodyAsk, readProfile } from "../endpoints/profile-read";
import { consume, rateLimitHeaders } from "../auth/rate-limit";
import { tokenCache } from "../auth/token-cache";
import type { ApiToken } from "@/lib/tokens/api-token";
import type { ActivityScope } from "@/lib/tokens/scopes";
import type { TokenType } from "@/lib/tokens/types";
import type { ApiRequest, ApiResponse } from "./types";

type Handler = (request: ApiRequest, token: ApiToken, prefetched?: PrefetchedProfile) => Promise<ApiResponse>;
interface Route {
  method: "GET" | "POST";
  path: string;
  type: TokenType;
  /** What an Activity token must have been given to call it (PRODUCT.md §11); the reference states it too. */
  scope?: ActivityScope;
  handler: Handler;
  /** The profile the request asks for, read with the token when the token is not cached. */
  ask?: AskFor;
}

export const routes: Route[] = [
  { method: "GET", path: "/api/v1/users", type: "activity", scope: "users:read", handler: getUsers },
  { method: "GET", path: "/api/v1/groups", type: "activity", scope: "groups:read", handler: getGroups },
  { method: "GET", path: "/api/v1/forms", type: "activity", scope: "forms:read", handler: getForms },
  { method: "POST", path: "/api/v1/activity/query", type: "activity", scope: "activity:read", handler: postActivityQuery },
  { method: "POST", path: "/api/v1/activity/reports", type: "activity", scope: "activity:read", handler: postActivityReports },
  // One lookup, two ways to give the value; the POST keeps it out of URLs (profile-read.ts).
  { method: "POST", path: "/api/v1/profile/lookup", type: "profile_read", handler: lookUpProfile, ask: profileBodyAsk },
  { method: "GET", path: "/api/v1/profile", type: "profile_read", handler: readProfile, ask: profileAsk },
];

/**
 * Routes anyone may call, without a token: leak reports. Each is bounded per client IP
 * (`perMinute`, counted before the body is read) instead of per token.
 */
interface PublicRoute {
  path: string;
  perMinute: number;
  handler: (request: ApiRequest) => Promise<ApiResponse>;
}

export const publicRoutes: PublicRoute[] = [
  { path: "/api/v1/tokens/revoke", perMinute: REVOKE_REPORTS_PER_MINUTE, handler: reportLeakedTokens },
  { path: "/api/v1/secret-scanning/github", perMinute: GITHUB_SCANS_PER_MINUTE, handler: (request) => receiveGitHubScan(request) },
];

/** Every path the API answers: what metrics label a request by (anything else is "other", so labels stay few). */
export const apiPaths: ReadonlySet<string> = new Set([
  "/api/v1/live",
  "/api/v1/openapi.json",
  ...routes.map((r) => r.path),
  ...publicRoutes.map((r) => r.path),
]);

/**
 * Routes /api/v1 requests. A token route reads top-down: the token parsed once (readCredential),
 * then, under the database breaker, identify → decide → record the outcome → the handler →
 * the token's headers on its answer (serveTokenRoute).
 */
export async function routeApiRequest(request: ApiRequest): Promise<ApiResponse> {
  if (request.method === "GET" && request.path === "/api/v1/live") {
    // Liveness: no token, no database (readiness, which asks the database, is /api/ready);
    // says whether the token cache is on.
    return { status: 200, body: { ok: true, tokenCache: tokenCache.isLive() ? "live" : "off" } };
  }
  if (request.method === "GET" && request.path === "/api/v1/openapi.json") {
    return { status: 200, body: openApiDocument, headers: { "Cache-Control": "public, max-age=300" } };
  }
  const open = publicRoutes.find((r) => r.path === request.path);
  if (open) return routePublicRequest(request, open);
  const route = routes.find((r) => r.path === request.path && r.method === request.method);
  const credential = readCredential(request);
  // A misroute without a token: nothing to look up, no database.
  if (!route && !credential) return misroutedFor(request.path);
  if (!databaseBreaker.admit()) {
    return withHeaders(route ? apiError("unavailable") : misroutedFor(request.path), await cachedRateHeaders(credential));
  }
  return settle(request, route ? serveTokenRoute(request, route, credential) : serveMisroute(request, credential));
}

/**
 * A token route, admitted by the breaker. It reached the database when its handler answers,
 * whatever the answer: every handler queries it. Before that (a refused token, unsafe query)
 * it says nothing either way.
 */
async function serveTokenRoute(request: ApiRequest, route: Route, credential: Credential | null): Promise<Served> {
  const found = await identify(request, credential, route.ask);
  const verdict = await decide(request, found, route.type, route.scope);
  recordOutcome(request, verdict.outcome);
  if (!verdict.ok) return { response: verdict.response, settle: "skipped" };
  // The token's rate-limit and lifetime fields: every answer from here on carries them.
  const headers = verdict.headers;
  const unsafe = unsafeQuery(request.query);
  if (unsafe) return { response: apiError("invalid_request", unsafe, headers), settle: "skipped" };
  try {
    const response = await route.handler(request, verdict.token, verdict.prefetched);
    return { response: withHeaders(response, headers), settle: "reached" };
  } catch (error) {
    return failed(request, error, headers);
  }
}

/** A path or method no route takes, with a token: 404 or 405 with the token's rate-limit fields. */
async function serveMisroute(request: ApiRequest, credential: Credential | null): Promise<Served> {
  const found = await identify(request, credential);
  return { response: withHeaders(misroutedFor(request.path), await misroutedRateHeaders(request, found)), settle: "skipped" };
}

/** A public route: POST only, counted per client IP, then its handler (no token involved). */
async function routePublicRequest(request: ApiRequest, route: PublicRoute): Promise<ApiResponse> {
  if (request.method !== "POST") return misroutedAnswer(["POST"]);
  const rate = await consume("report", `${route.path} ${limiterKey(request.clientIp)}`, route.perMinute);
  const headers = rateLimitHeaders(rate);
  if (!rate.allowed) return apiError("rate_limited", undefined, headers);
  if (!databaseBreaker.admit()) return apiError("unavailable", undefined, headers);
  return settle(request, servePublicRoute(request, route, headers));
}

/** Only a public route's successes come from the database: a refused signature or body never asked it. */
async function servePublicRoute(request: ApiRequest, route: PublicRoute, headers: Record<string, string>): Promise<Served> {
  try {
    const response = await route.handler(request);
    return { response: withHeaders(response, headers), settle: response.status < 300 ? "reached" : "skipped" };
  } catch (error) {
    return failed(request, error, headers);
  }
}

/** An admitted request's answer, and what it tells the database breaker. */
interface Served {
  response: ApiResponse;
  settle: "reached" | "skipped" | { error: unknown };
}

/**
 * Every request the breaker admitted settles it, once: reached, skipped, or failed with an
 * error that is not the caller's. A failure before the token's headers are known (identify's
 * lookup) answers without them.
 */
async function settle(request: ApiRequest, serving: Promise<Served>): Promise<ApiResponse> {
  let served: Served;
  try {
    served = await serving;
  } catch (error) {
    served = failed(request, error, NO_HEADERS);
  }
  databaseBreaker.settle(served.settle);
  return served.response;
}

const NO_HEADERS: Record<string, string> = Object.freeze({});

/** A failure inside a step: the caller's mistake says nothing to the breaker; anything else is reported to it. */
function failed(request: ApiRequest, error: unknown, headers: Record<string, string>): Served {
  return { response: failureAnswer(request, error, headers), settle: error instanceof RequestError ? "skipped" : { error } };
}

/** What a failure answers: the caller's mistake (400/413), 503 or a logged 500. */
function failureAnswer(request: ApiRequest, error: unknown, rate: Record<string, string>): ApiResponse {
  if (error instanceof RequestError) return apiError(error.code, error.message, rate);
  // Unreachable database: 503 with Retry-After, never a guess from what may be stale.
  if (isConnectionFailure(error)) return apiError("unavailable", undefined, rate);
  // Anything else is ours: logged with its cause (never the request's values), 500.
  log.error({ method: request.method, path: request.path, request_id: request.requestId, error: describeError(error) }, "api request failed");
  return apiError("internal", undefined, rate);
}

/** For a request no route takes: 405 with the path's methods in Allow, or 404 for an unknown path. */
function misroutedFor(path: string): ApiResponse {
  const allowed: string[] = [];
  for (const r of routes) if (r.path === path) allowed.push(r.method);
  return misroutedAnswer(allowed);
}

function misroutedAnswer(allowed: string[]): ApiResponse {
  if (allowed.length === 0) return apiError("not_found");
  return apiError("method_not_allowed", `Use ${allowed.join(" or ")} for this endpoint.`, { Allow: allowed.join(", ") });
}

/**
 * The handler's own headers win over the rate-limit fields (none overlap today). Answers'
 * headers are only read from here on, so an answer without its own takes `headers` as they are
 * (no copy per request).
 */
const withHeaders = (response: ApiResponse, headers: Record<string, string>): ApiResponse => ({
  ...response,
  headers: response.headers ? { ...headers, ...response.headers } : headers,
});
