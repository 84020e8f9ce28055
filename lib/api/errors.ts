import type { ApiResponse } from "./types";

export type ErrorCode =
  | "invalid_token"
  | "wrong_token_type"
  | "ip_not_allowed"
  | "rate_limited"
  | "invalid_request"
  | "unavailable"
  | "profile_not_found"
  | "not_found"
  | "method_not_allowed";

export function apiError(status: number, code: ErrorCode, message: string, headers: Record<string, string> = {}): ApiResponse {
  return { status, body: { error: { code, message } }, headers };
}

// One answer for missing, malformed, mistyped, unknown and revoked tokens: callers cannot tell
// which (the owner can, in the token's Usage tab).
export const invalidToken = (headers: Record<string, string> = {}) =>
  apiError(401, "invalid_token", "The API token is missing, malformed, unknown or revoked.", {
    "WWW-Authenticate": 'Bearer realm="hub", error="invalid_token"',
    ...headers,
  });

export const unavailable = () =>
  apiError(503, "unavailable", "The service is temporarily unavailable. Try again shortly.", { "Retry-After": "5" });

export const invalidRequest = (message: string) => apiError(400, "invalid_request", message);
