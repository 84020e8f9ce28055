import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";
import { processSingleton } from "@/db/process-singleton";

/** The response header that names a request, on every answer (console and API). */
export const REQUEST_ID_HEADER = "Request-Id";
/** How a trusted proxy names the request it forwards (nginx: `proxy_set_header X-Request-Id …`). */
export const FORWARDED_REQUEST_ID = "x-request-id";

// What a proxy may name a request: printable, short, nothing a log reader could be fooled by.
const acceptable = /^[A-Za-z0-9._:@/+=-]{1,128}$/;

/**
 * The request's id: a trusted proxy's `X-Request-Id` when it sent a sane one, else a fresh
 * UUID. Anyone else's header is replaced: an id in our log means what our proxy or we said.
 */
export function requestIdFor(forwarded: string | string[] | undefined, fromTrustedProxy: boolean): string {
  const value = Array.isArray(forwarded) ? forwarded[0] : forwarded;
  return fromTrustedProxy && value && acceptable.test(value) ? value : randomUUID();
}

/**
 * The console's requests run inside this context, so every log line written for one (Next.js's,
 * Auth.js's, ours) carries its id. On globalThis: Next.js bundles its own copy of this module.
 * The API's hot path passes its id explicitly instead (no async context per API request).
 */
export const requestContext = processSingleton("requestContext", () => new AsyncLocalStorage<{ requestId: string }>());

export const currentRequestId = (): string | undefined => requestContext.getStore()?.requestId;
