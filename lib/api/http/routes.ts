import { log } from "@/lib/log";
import { authenticate, cachedRateHeaders, type AskFor, identifiedRateHeaders, presentedToken } from "../auth/authenticate";
import { databaseBreaker, isConnectionFailure } from "./database-breaker";
import { describeError } from "../error-log";
import { apiError, RequestError } from "./errors";
import { unsafeQuery } from "./input";
import { getForms, getGroups, getUsers, postActivityQuery, postActivityReports } from "../endpoints/activity";
import { GITHUB_SCANS_PER_MINUTE, receiveGitHubScan, reportLeakedTokens, REVOKE_REPORTS_PER_MINUTE } from "../endpoints/leak-reports";
import { openApiDocument } from "../reference/openapi";
import type { PrefetchedProfile } from "../auth/cold-lookup";
import { profileAsk, readProfile } from "../endpoints/profile-read";
import { consume, rateLimitHeaders } from "../auth/rate-limit";
import { tokenCache, type ApiToken, type TokenType } from "../auth/token-cache";
import type { ApiRequest, ApiResponse } from "./types";

type Handler = (request: ApiRequest, token: ApiToken, prefetched?: PrefetchedProfile) => Promise<ApiResponse>;
interface Route {
  method: "GET" | "POST";
  path: string;
  type: TokenType;
  handler: Handler;
  /** The profile the request asks for, read with the token when the token is not cached. */
  ask?: AskFor;
}

export const routes: Route[] = [
  { method: "GET", path: "/api/v1/users", type: "activity", handler: getUsers },
  { method: "GET", path: "/api/v1/groups", type: "activity", handler: getGroups },
  { method: "GET", path: "/api/v1/forms", type: "activity", handler: getForms },
  { method: "POST", path: "/api/v1/activity/query", type: "activity", handler: postActivityQuery },
  { method: "POST", path: "/api/v1/activity/reports", type: "activity", handler: postActivityReports },
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
  const open = publicRoutes.find((r) => r.path === request.path);
  if (open) return routePublicRequest(request, open);
  const route = routes.find((r) => r.path === request.path && r.method === request.method);
  const misrouted = route ? null : misroutedFor(request.path);
  // Without a token there is nothing to look up: no database, as before.
  if (misrouted && !presentedToken(request)) return misrouted;
  return (await withBreaker(request, route, NO_HEADERS, tokenRouteStep)) ?? withHeaders(misrouted ?? apiError("unavailable"), await cachedRateHeaders(request));
}

/**
 * A token route once the breaker admitted it. It reached the database when its handler
 * answers, whatever the answer: every handler queries it. Before that (a refused token, a
 * misroute) it says nothing either way.
 */
async function tokenRouteStep(request: ApiRequest, route: Route | undefined, pass: BreakerPass): Promise<ApiResponse> {
  // The token's rate-limit fields, once it is identified: every answer from then on carries them.
  if (!route) return withHeaders(misroutedFor(request.path), (pass.headers = await identifiedRateHeaders(request)));
  const auth = await authenticate(request, route.type, route.ask);
  if (!auth.ok) return auth.response;
  pass.headers = auth.headers;
  const unsafe = unsafeQuery(request.query);
  if (unsafe) return apiError("invalid_request", unsafe, pass.headers);
  const response = await route.handler(request, auth.token, auth.prefetched);
  pass.reached = true;
  return withHeaders(response, pass.headers);
}

/** A public route: POST only, counted per client IP, then its handler (no token involved). */
async function routePublicRequest(request: ApiRequest, route: PublicRoute): Promise<ApiResponse> {
  if (request.method !== "POST") return misroutedAnswer(["POST"]);
  const rate = await consume("report", `${route.path} ${request.clientIp ?? "unknown"}`, route.perMinute);
  const headers = rateLimitHeaders(rate);
  if (!rate.allowed) return apiError("rate_limited", undefined, headers);
  return (await withBreaker(request, route, headers, publicRouteStep)) ?? apiError("unavailable", undefined, headers);
}

/** Only a public route's successes come from the database: a refused signature or body never asked it. */
async function publicRouteStep(request: ApiRequest, route: PublicRoute, pass: BreakerPass): Promise<ApiResponse> {
  const response = await route.handler(request);
  pass.reached = response.status < 300;
  return withHeaders(response, pass.headers);
}

/** One request's way through the database breaker: the headers known so far, and whether it reached the database. */
interface BreakerPass {
  headers: Record<string, string>;
  reached: boolean;
}

const NO_HEADERS: Record<string, string> = Object.freeze({});

/**
 * Runs `step` under the database breaker, or answers null when the breaker refuses (the caller
 * says 503 its own way). Every admitted request settles it: reached, skipped, or failed with
 * an error that is not the caller's. Steps are module functions given `arg`, not closures:
 * this is the Profile Read hot path, so one small object per request is all it adds.
 */
async function withBreaker<A>(request: ApiRequest, arg: A, headers: Record<string, string>, step: (request: ApiRequest, arg: A, pass: BreakerPass) => Promise<ApiResponse>): Promise<ApiResponse | null> {
  if (!databaseBreaker.admit()) return null;
  const pass: BreakerPass = { headers, reached: false };
  let failed: { error: unknown } | null = null;
  try {
    return await step(request, arg, pass);
  } catch (error) {
    if (!(error instanceof RequestError)) failed = { error };
    return failureAnswer(request, error, pass.headers);
  } finally {
    databaseBreaker.settle(failed ?? (pass.reached ? "reached" : "skipped"));
  }
}

/** What a failure inside a handler answers: the caller's mistake (400/413), 503 or a logged 500. */
function failureAnswer(request: ApiRequest, error: unknown, rate: Record<string, string>): ApiResponse {
  if (error instanceof RequestError) return apiError(error.code, error.message, rate);
  // Unreachable database: 503 with Retry-After, never a guess from what may be stale.
  if (isConnectionFailure(error)) return apiError("unavailable", undefined, rate);
  // Anything else is ours: logged with its cause (never the request's values), 500.
  log.error({ method: request.method, path: request.path, error: describeError(error) }, "api request failed");
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

/** The handler's own headers win over the rate-limit fields (none overlap today). */
const withHeaders = (response: ApiResponse, headers: Record<string, string>): ApiResponse => ({
  ...response,
  headers: { ...headers, ...response.headers },
});
