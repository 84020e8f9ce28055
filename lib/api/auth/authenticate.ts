import { ipAllowed } from "@/lib/net/ip";
import { hashToken, parseToken } from "@/lib/tokens/secret";
import { clock } from "@/lib/clock";
import { effectiveRateLimit } from "@/lib/governance/thresholds";
import { failedAuth } from "./failed-auth";
import { refusal, type Outcome } from "./outcomes";
import { consume, peek, rateLimitHeaders, type RateState } from "./rate-limit";
import { lookUpToken, type PrefetchedProfile, type ProfileAsk } from "./cold-lookup";
import { tokenCache } from "./token-cache";
import type { ApiToken } from "@/lib/tokens/api-token";
import type { ActivityScope } from "@/lib/tokens/scopes";
import type { TokenType } from "@/lib/tokens/types";
import { limiterKey } from "@/lib/net/limiter-key";
import { lifetimeHeaders, secretInForce, type SecretInUse } from "./token-lifetime";
import type { ApiRequest, ApiResponse } from "../http/types";

// How the router (http/routes.ts) authenticates a request, in its order: readCredential (the
// token parsed once), identify (which token), decide (may it call this route). Recording what
// happened is the router's next step (record-outcome.ts); nothing here writes anything.

/** The profile a request asks for, if it is a Profile Read request (see `identify`). */
export type AskFor = (request: ApiRequest) => ProfileAsk | undefined | Promise<ProfileAsk | undefined>;

/**
 * The token a request presents, parsed once: its SHA-256 when it has a Hub token's shape and
 * checksum, else `hash: null` (checked before any database work). No token at all is null.
 */
export interface Credential {
  hash: string | null;
}

/** `Authorization: Bearer <token>`, or `Auth-Api-Token: <token>`. */
export function presentedToken(request: ApiRequest): string | null {
  const authorization = request.header("authorization");
  if (authorization) {
    const match = /^Bearer[ ]+(\S+)\s*$/i.exec(authorization);
    return match ? match[1]! : null;
  }
  return request.header("auth-api-token")?.trim() || null;
}

export function readCredential(request: ApiRequest): Credential | null {
  const raw = presentedToken(request);
  if (raw === null) return null;
  return { hash: parseToken(raw) ? hashToken(raw) : null };
}

/** The presented token, known or not; or the client IP's spent failed-auth budget. */
export type Identified = { token: ApiToken | null; hash: string | null; prefetched?: PrefetchedProfile; spent?: undefined } | { spent: RateState };

/**
 * The presented token: from the cache when it knows the hash, else from the database, unless
 * the caller's IP has spent its failed-auth budget (a database lookup is what a forged token
 * costs us, so it is refused before one). A token the cache knew as valid, whose entry only ran
 * out of time, is looked up again whatever the budget: its owner shares nothing with forgers
 * but perhaps an address. `ask`: the profile a Profile Read request wants, read with the token
 * when the token is not cached (cold-lookup.ts); asked only then, so a cached token's request
 * never pays for it.
 */
export async function identify(request: ApiRequest, credential: Credential | null, ask?: AskFor): Promise<Identified> {
  const hash = credential?.hash ?? null;
  const cached = hash ? tokenCache.get(hash) : null;
  if (cached) return { token: cached, hash };
  const spent = hash && tokenCache.wasValid(hash) ? null : failedAuth.exhausted(clientKey(request));
  if (spent) return { spent };
  if (!hash || cached !== undefined) return { token: null, hash };
  return { ...(await lookUpToken(hash, await ask?.(request))), hash };
}

const clientKey = (request: ApiRequest) => limiterKey(request.clientIp);

/** What a request that presented a known token did: recorded once, by the router (record-outcome.ts). */
export interface TokenOutcome {
  token: ApiToken;
  outcome: Outcome;
  at: number;
  /** The old secret of an overlap was presented. */
  oldSecret: boolean;
}

/**
 * Whether the request may call a route for `type`: the answer's headers when it may (the
 * token's rate-limit and lifetime fields), else the refusal to send. `outcome` is there when a
 * known token was presented, whatever the answer: one outcome per such request, counted once.
 */
export type Verdict =
  | { ok: true; token: ApiToken; headers: Record<string, string>; prefetched?: PrefetchedProfile; outcome: TokenOutcome }
  | Refused;
type Refused = { ok: false; response: ApiResponse; outcome?: TokenOutcome };

/**
 * Every token-authenticated endpoint's decision, once the token is identified: its secret in
 * force, its rate limit, its type, the caller's IP, then the endpoint's `scope`. A request
 * without a usable token spends the caller's failed-auth budget instead.
 */
export async function decide(request: ApiRequest, found: Identified, type: TokenType, scope?: ActivityScope): Promise<Verdict> {
  if (found.spent) return refuseSpent(found.spent, type);
  const token = found.token;
  if (!token) return refuseAnonymous(request, type);
  const at = clock.now();
  const use = secretInForce(token, found.hash, at);
  const decision = await judge(request, token, type, use, scope);
  const outcome: TokenOutcome = { token, outcome: decision.outcome, at, oldSecret: use === "old" };
  if (decision.outcome === "invalid" || !use) return { ...(await refuseAnonymous(request, type)), outcome };
  const headers = { ...rateLimitHeaders(decision.rate), ...lifetimeHeaders(token, use) };
  if (decision.outcome === "allowed") return { ok: true, token, headers, prefetched: found.prefetched, outcome };
  return { ok: false, response: refusal(decision.outcome, { needed: type, rate: decision.rate, anonymous: false, scope }, headers), outcome };
}

type Decision = { outcome: "invalid" } | { outcome: Exclude<Outcome, "invalid">; rate: RateState };

async function judge(request: ApiRequest, token: ApiToken, type: TokenType, use: SecretInUse | null, scope?: ActivityScope): Promise<Decision> {
  // Revoked, expired, or an overlap's old secret past its end: refused like an unknown token.
  if (!use) return { outcome: "invalid" };
  // Every request with a live token spends its budget (a suspicious token's is the alarm's throttle), refusals too: a leaked token hammered
  // from a refused IP, or at the wrong endpoints, gets 429 like any other caller.
  const rate = await consume("token", token.id, effectiveRateLimit(token));
  if (!rate.allowed) return { outcome: "rate_limited", rate };
  if (token.type !== type) return { outcome: "wrong_type", rate };
  const ip = request.clientAddress;
  if (token.ipAllowList.length > 0 && (!ip || !ipAllowed(token.ipAllowList, ip))) return { outcome: "ip_refused", rate };
  // Last: only a caller from an allowed address learns which scope the token lacks.
  if (scope && !token.scopes.includes(scope)) return { outcome: "out_of_scope", rate };
  return { outcome: "allowed", rate };
}

/** A refusal without a usable token: counted against the caller's IP, so guessing is throttled too. */
async function refuseAnonymous(request: ApiRequest, type: TokenType): Promise<Refused> {
  const rate = await failedAuth.fail(clientKey(request));
  if (!rate.allowed) return refuseSpent(rate, type);
  return { ok: false, response: refusal("invalid", { needed: type, rate, anonymous: true }, rateLimitHeaders(rate)) };
}

function refuseSpent(rate: RateState, type: TokenType): Refused {
  return { ok: false, response: refusal("rate_limited", { needed: type, rate, anonymous: true }, rateLimitHeaders(rate)) };
}

/**
 * For an answer that needs no token (404, 405): the identified token's rate-limit fields. The
 * request spends one of its budget like any other call with it; a token that is no good spends
 * the client IP's failed-auth budget, or forged tokens sent to a wrong path would cost lookups free.
 */
export async function misroutedRateHeaders(request: ApiRequest, found: Identified): Promise<Record<string, string>> {
  if (found.spent) return {};
  const token = found.token;
  const use = token && secretInForce(token, found.hash, clock.now());
  if (!token || !use) {
    await failedAuth.fail(clientKey(request));
    return {};
  }
  return { ...rateLimitHeaders(await consume("token", token.id, effectiveRateLimit(token))), ...lifetimeHeaders(token, use) };
}

/** While the database is out of reach (503): the fields of a token this instance still knows. */
export async function cachedRateHeaders(credential: Credential | null): Promise<Record<string, string>> {
  const hash = credential?.hash ?? null;
  const token = hash ? tokenCache.get(hash) : undefined;
  if (!token || !secretInForce(token, hash, clock.now())) return {};
  return rateLimitHeaders(await peek("token", token.id, effectiveRateLimit(token)).catch(() => fullBudget(token)));
}

const fullBudget = (token: ApiToken): RateState => {
  const limit = effectiveRateLimit(token);
  return { allowed: true, limit, remaining: limit, resetSeconds: 60 };
};
