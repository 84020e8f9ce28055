import { ipAllowed, parseClientIp } from "@/lib/net/ip";
import { hashToken, parseToken, type TokenType } from "@/lib/tokens/secret";
import { apiError } from "./errors";
import { ANONYMOUS_LIMIT, consume, peek, rateLimitHeaders } from "./rate-limit";
import { findTokenByHash, type ApiToken } from "./token-cache";
import type { ApiRequest, ApiResponse } from "./types";
import { usage } from "./usage";

export type AuthResult = { ok: true; token: ApiToken; headers: Record<string, string> } | { ok: false; response: ApiResponse };

/** `Authorization: Bearer <token>`, or `Auth-Api-Token: <token>`. */
export function presentedToken(request: ApiRequest): string | null {
  const authorization = request.header("authorization");
  if (authorization) {
    const match = /^Bearer[ ]+(\S+)\s*$/i.exec(authorization);
    return match ? match[1]! : null;
  }
  return request.header("auth-api-token")?.trim() || null;
}

/** A refusal without a usable token: counted against the caller's IP, so guessing is throttled too. */
async function refuseAnonymous(request: ApiRequest): Promise<AuthResult> {
  const state = await consume("ip", request.clientIp ?? "unknown", ANONYMOUS_LIMIT);
  const headers = rateLimitHeaders(state);
  if (!state.allowed) return { ok: false, response: apiError("rate_limited", undefined, headers) };
  return { ok: false, response: apiError("invalid_token", undefined, headers) };
}

/**
 * Every token-authenticated endpoint starts here. Shape and checksum are checked before any
 * database work; then the token (cached), its type, the caller's IP, and its rate limit.
 */
export async function authenticate(request: ApiRequest, type: TokenType): Promise<AuthResult> {
  const raw = presentedToken(request);
  if (!raw || !parseToken(raw)) return refuseAnonymous(request);

  const token = await findTokenByHash(hashToken(raw));
  if (!token || token.status !== "active") {
    if (token) usage.record(token, "invalid", request.clientIp);
    return refuseAnonymous(request);
  }

  const refuse = async (code: "wrong_token_type" | "ip_not_allowed", message: string): Promise<AuthResult> => {
    usage.record(token, code === "wrong_token_type" ? "wrong_type" : "ip_refused", request.clientIp);
    const headers = rateLimitHeaders(await peek("token", token.id, token.rateLimit));
    return { ok: false, response: apiError(code, message, headers) };
  };
  if (token.type !== type) {
    return refuse("wrong_token_type", `This endpoint needs ${type === "activity" ? "an Activity" : "a Profile Read"} token.`);
  }
  const ip = request.clientIp ? parseClientIp(request.clientIp) : null;
  if (token.ipAllowList.length > 0 && (!ip || !ipAllowed(token.ipAllowList, ip))) {
    return refuse("ip_not_allowed", "Requests from this IP address are not allowed for this token.");
  }

  const state = await consume("token", token.id, token.rateLimit);
  const headers = rateLimitHeaders(state);
  if (!state.allowed) {
    usage.record(token, "rate_limited", request.clientIp);
    return {
      ok: false,
      response: apiError("rate_limited", `Rate limit of ${token.rateLimit} requests per minute exceeded. Retry after ${state.resetSeconds} seconds.`, headers),
    };
  }
  usage.record(token, "allowed", request.clientIp);
  return { ok: true, token, headers };
}
