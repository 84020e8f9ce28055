import { ipAllowed } from "@/lib/net/ip";
import { hashToken, parseToken } from "@/lib/tokens/secret";
import { clock } from "@/lib/clock";
import { refusedIps } from "@/lib/governance/refused-ips";
import { effectiveRateLimit } from "@/lib/governance/thresholds";
import { failedAuth } from "./failed-auth";
import { refusal, type Outcome } from "./outcomes";
import { consume, peek, rateLimitHeaders, type RateState } from "./rate-limit";
import { lookUpToken, type PrefetchedProfile, type ProfileAsk } from "./cold-lookup";
import { tokenCache, type ApiToken, type TokenType } from "./token-cache";
import { lifetimeHeaders, secretInForce, type SecretInUse } from "./token-lifetime";
import type { ApiRequest, ApiResponse } from "../http/types";
import { usage } from "./usage";
import { rateLimitedNotices } from "@/lib/webhooks/rate-limited";

/** The profile a request asks for, if it is a Profile Read request (see `authenticate`). */
export type AskFor = (request: ApiRequest) => ProfileAsk | undefined;

export type AuthResult =
  | { ok: true; token: ApiToken; headers: Record<string, string>; prefetched?: PrefetchedProfile }
  | { ok: false; response: ApiResponse };

/** `Authorization: Bearer <token>`, or `Auth-Api-Token: <token>`. */
export function presentedToken(request: ApiRequest): string | null {
  const authorization = request.header("authorization");
  if (authorization) {
    const match = /^Bearer[ ]+(\S+)\s*$/i.exec(authorization);
    return match ? match[1]! : null;
  }
  return request.header("auth-api-token")?.trim() || null;
}

/**
 * Every token-authenticated endpoint starts here. Shape and checksum are checked before any
 * database work; then the token (cached), its type, the caller's IP, and its rate limit. A
 * known token's request gets one outcome, counted once. `ask`: the profile a Profile Read
 * request wants, read with the token when the token is not cached (cold-lookup.ts); asked
 * only then, so a cached token's request never pays for it.
 */
export async function authenticate(request: ApiRequest, type: TokenType, ask?: AskFor): Promise<AuthResult> {
  const found = await identify(request, ask);
  if (found.refused) return refuseSpent(found.refused, type);
  const token = found.token;
  if (!token) return refuseAnonymous(request, type);
  const now = clock.now();
  const use = secretInForce(token, found.hash, now);
  const decision = await decide(request, token, type, use);
  usage.record(token, decision.outcome, request.clientIp, now, use === "old");
  if (decision.outcome === "rate_limited") rateLimitedNotices.note(token, now);
  if (decision.outcome === "ip_refused") refusedIps.record(token, request.clientIp, now);
  if (decision.outcome === "invalid" || !use) return refuseAnonymous(request, type);
  const headers = { ...rateLimitHeaders(decision.rate), ...lifetimeHeaders(token, use) };
  if (decision.outcome === "allowed") return { ok: true, token, headers, prefetched: found.prefetched };
  return { ok: false, response: refusal(decision.outcome, { needed: type, rate: decision.rate, anonymous: false }, headers) };
}

type Identified = { token: ApiToken | null; hash: string | null; prefetched?: PrefetchedProfile; refused?: undefined } | { refused: RateState };

/**
 * The presented token: from the cache when it knows the hash, else from the database, unless
 * the caller's IP has spent its failed-auth budget (a database lookup is what a forged token
 * costs us, so it is refused before one). A token the cache knew as valid, whose entry only ran
 * out of time, is looked up again whatever the budget: its owner shares nothing with forgers
 * but perhaps an address.
 */
async function identify(request: ApiRequest, ask?: AskFor): Promise<Identified> {
  const raw = presentedToken(request);
  const hash = raw && parseToken(raw) ? hashToken(raw) : null;
  const cached = hash ? tokenCache.get(hash) : null;
  if (cached) return { token: cached, hash };
  const spent = hash && tokenCache.wasValid(hash) ? null : failedAuth.exhausted(clientKey(request));
  if (spent) return { refused: spent };
  if (!hash || cached !== undefined) return { token: null, hash };
  return { ...(await lookUpToken(hash, ask?.(request))), hash };
}

const clientKey = (request: ApiRequest) => request.clientIp ?? "unknown";

type Decision = { outcome: "invalid" } | { outcome: Exclude<Outcome, "invalid">; rate: RateState };

async function decide(request: ApiRequest, token: ApiToken, type: TokenType, use: SecretInUse | null): Promise<Decision> {
  // Revoked, expired, or an overlap's old secret past its end: refused like an unknown token.
  if (!use) return { outcome: "invalid" };
  // Every request with a live token spends its budget (a suspicious token's is the alarm's throttle), refusals too: a leaked token hammered
  // from a refused IP, or at the wrong endpoints, gets 429 like any other caller.
  const rate = await consume("token", token.id, effectiveRateLimit(token));
  if (!rate.allowed) return { outcome: "rate_limited", rate };
  if (token.type !== type) return { outcome: "wrong_type", rate };
  const ip = request.clientAddress;
  if (token.ipAllowList.length > 0 && (!ip || !ipAllowed(token.ipAllowList, ip))) return { outcome: "ip_refused", rate };
  return { outcome: "allowed", rate };
}

/** A refusal without a usable token: counted against the caller's IP, so guessing is throttled too. */
async function refuseAnonymous(request: ApiRequest, type: TokenType): Promise<AuthResult> {
  const rate = await failedAuth.fail(clientKey(request));
  if (!rate.allowed) return refuseSpent(rate, type);
  return { ok: false, response: refusal("invalid", { needed: type, rate, anonymous: true }, rateLimitHeaders(rate)) };
}

function refuseSpent(rate: RateState, type: TokenType): AuthResult {
  return { ok: false, response: refusal("rate_limited", { needed: type, rate, anonymous: true }, rateLimitHeaders(rate)) };
}

/**
 * For an answer that needs no token (404, 405): the presented token's rate-limit fields. The
 * request spends one of its budget like any other call with it; a token that is no good spends
 * the client IP's failed-auth budget, or forged tokens sent to a wrong path would cost lookups free.
 */
export async function identifiedRateHeaders(request: ApiRequest): Promise<Record<string, string>> {
  const found = await identify(request);
  if (found.refused) return {};
  const token = found.token;
  const use = token && secretInForce(token, found.hash, clock.now());
  if (!token || !use) {
    await failedAuth.fail(clientKey(request));
    return {};
  }
  return { ...rateLimitHeaders(await consume("token", token.id, effectiveRateLimit(token))), ...lifetimeHeaders(token, use) };
}

/** While the database is out of reach (503): the fields of a token this instance still knows. */
export async function cachedRateHeaders(request: ApiRequest): Promise<Record<string, string>> {
  const raw = presentedToken(request);
  const hash = raw && parseToken(raw) ? hashToken(raw) : null;
  const token = hash ? tokenCache.get(hash) : undefined;
  if (!token || !secretInForce(token, hash, clock.now())) return {};
  return rateLimitHeaders(await peek("token", token.id, effectiveRateLimit(token)).catch(() => fullBudget(token)));
}

const fullBudget = (token: ApiToken): RateState => {
  const limit = effectiveRateLimit(token);
  return { allowed: true, limit, remaining: limit, resetSeconds: 60 };
};
