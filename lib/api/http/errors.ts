import type { ApiResponse } from "./types";

/** The most an /api/v1 body may hold (the node adapter reads no more): stated by the 413 and the OpenAPI document. */
export const MAX_BODY_BYTES = 16 * 1024;

type ErrorSpec = { status: number; message: string; headers?: Record<string, string> };

/**
 * Every error the API answers with: its status, what it says when the caller needs to be told
 * no more, and the headers it always carries. The status is never chosen at the call site.
 */
const errors = {
  // One answer for missing, malformed, mistyped, unknown and revoked tokens: callers cannot tell
  // which (the owner can, in the token's Usage tab).
  invalid_token: {
    status: 401,
    message: "The API token is missing, malformed, unknown or revoked.",
    headers: { "WWW-Authenticate": 'Bearer realm="hub", error="invalid_token"' },
  },
  // A secret-scanning report whose signature is missing, malformed, wrong or by an unknown key.
  invalid_signature: { status: 401, message: "The Github-Public-Key-Signature does not verify against a configured key." },
  wrong_token_type: { status: 403, message: "This endpoint needs a token of another type." },
  ip_not_allowed: { status: 403, message: "Requests from this IP address are not allowed for this token." },
  // Its message names the scope, and `WWW-Authenticate` carries it (RFC 6750): see auth/outcomes.ts.
  insufficient_scope: { status: 403, message: "This token does not have the scope this endpoint needs." },
  rate_limited: { status: 429, message: "Too many requests. Retry after the time in Retry-After." },
  // A Profile Read token's distinct customers of the UTC day; Retry-After says until midnight UTC.
  profile_limit_reached: { status: 429, message: "This token has returned its daily limit of distinct customers; others from midnight UTC." },
  invalid_request: { status: 400, message: "The request is not valid." },
  // Nothing past the limit is read, so the connection cannot carry another request: it closes.
  payload_too_large: { status: 413, message: `The request body may be at most ${MAX_BODY_BYTES} bytes.`, headers: { Connection: "close" } },
  profile_not_found: { status: 404, message: "No profile matches." },
  // The data breaks what the linking attribute promises: never pick one person of several.
  ambiguous_match: { status: 409, message: "More than one profile matches." },
  not_found: { status: 404, message: "There is no such endpoint. See /api/v1/openapi.json." },
  method_not_allowed: { status: 405, message: "This endpoint does not accept that method." },
  // Never a guess from what may be stale: the database must answer (never fail open).
  unavailable: { status: 503, message: "The service is temporarily unavailable. Try again shortly.", headers: { "Retry-After": "5" } },
  // Ours, not the caller's and not an outage: retrying soon will not help, so no Retry-After.
  internal: { status: 500, message: "Something went wrong on our side. The failure has been logged." },
} as const satisfies Record<string, ErrorSpec>;

export type ErrorCode = keyof typeof errors;

export const errorStatus = (code: ErrorCode): number => errors[code].status;

/** The whole table, in the order above: the API reference prints it from here. */
export const errorCatalogue = (): Array<{ code: ErrorCode } & ErrorSpec> =>
  Object.entries(errors).map(([code, spec]) => ({ code: code as ErrorCode, ...spec }));

/** The body an error answers with when the call site adds nothing to its message. */
export const errorBody = (code: ErrorCode) => ({ error: { code, message: errors[code].message as string } });

export function apiError(code: ErrorCode, message?: string, headers: Record<string, string> = {}): ApiResponse {
  const spec: ErrorSpec = errors[code];
  return { status: spec.status, body: { error: { code, message: message ?? spec.message } }, headers: { ...spec.headers, ...headers } };
}

/** The caller's mistake found while reading the request (its body): answered with `code`. */
export class RequestError extends Error {
  constructor(
    readonly code: "invalid_request" | "payload_too_large",
    message?: string,
  ) {
    super(message ?? errors[code].message);
  }
}
