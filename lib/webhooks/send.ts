import { Agent as HttpAgent, request as httpRequest } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import { checkEndpointUrl, guardedLookup, PRIVATE_MESSAGE, urlPolicy, type UrlPolicy } from "./url-policy";

export const SEND_TIMEOUT_MS = 10_000;
/** At most this much of a receiver's answer is read; the rest is dropped with the connection. */
export const MAX_RESPONSE_BYTES = 64 * 1024;

export interface SendResult {
  ok: boolean;
  /** The HTTP status, or null when no answer came (refused, timeout, DNS, policy). */
  status: number | null;
  latencyMs: number;
  /** Why it failed, in words for the delivery log: never the payload or a header. */
  error: string | null;
  /** How many bytes of the answer were read (at most MAX_RESPONSE_BYTES). */
  bytesRead: number;
}

// Agents of their own, never the global ones: an environment proxy (NODE_USE_ENV_PROXY) or a
// library that replaces the global agent would connect somewhere our lookup check never saw.
const agents = { http: new HttpAgent(), https: new HttpsAgent() };

/**
 * One POST, no redirects followed (a 3xx is a failure), a 10 s limit for the whole exchange,
 * and at most 64 KB of the answer read. 2xx is success.
 */
export function postWebhook(target: string, body: string, headers: Record<string, string>, policy: UrlPolicy = urlPolicy()): Promise<SendResult> {
  const started = performance.now();
  const done = (status: number | null, error: string | null, bytesRead = 0): SendResult => ({
    ok: status !== null && status >= 200 && status < 300,
    status,
    latencyMs: Math.round(performance.now() - started),
    error,
    bytesRead,
  });
  const checked = checkEndpointUrl(target, policy);
  if (!checked.ok) return Promise.resolve(done(null, checked.message));
  // checkEndpointUrl refused an address written in the URL (it skips DNS, so the lookup guard below never sees it).
  const url = checked.url;

  return new Promise((resolve) => {
    const https = url.protocol === "https:";
    const send = https ? httpsRequest : httpRequest;
    const req = send(url, {
      agent: https ? agents.https : agents.http,
      method: "POST",
      headers: { ...headers, "content-type": "application/json", "content-length": String(Buffer.byteLength(body)), "user-agent": "Hub-Webhooks/1" },
      lookup: guardedLookup(policy) as never,
      signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
    });
    req.on("response", (res) => {
      let bytes = 0;
      res.on("data", (chunk: Buffer) => {
        bytes += chunk.length;
        if (bytes >= MAX_RESPONSE_BYTES) {
          // Enough: the status is what counts; the rest of a huge answer is never read.
          res.destroy();
          resolve(done(res.statusCode ?? null, statusError(res.statusCode), MAX_RESPONSE_BYTES));
        }
      });
      res.on("end", () => resolve(done(res.statusCode ?? null, statusError(res.statusCode), bytes)));
      res.on("error", () => resolve(done(res.statusCode ?? null, statusError(res.statusCode), Math.min(bytes, MAX_RESPONSE_BYTES))));
    });
    req.on("error", (error: NodeJS.ErrnoException) => resolve(done(null, describe(error))));
    req.end(body);
  });
}

function statusError(status: number | undefined): string | null {
  if (status === undefined) return "No status";
  if (status >= 300 && status < 400) return `Redirect (HTTP ${status}) not followed`;
  return status >= 200 && status < 300 ? null : `HTTP ${status}`;
}

function describe(error: NodeJS.ErrnoException): string {
  if (error.name === "TimeoutError" || error.name === "AbortError") return `No answer within ${SEND_TIMEOUT_MS / 1000} s`;
  if (error.code === "EADDRNOTALLOWED") return PRIVATE_MESSAGE;
  if (error.code === "ECONNREFUSED") return "Connection refused";
  if (error.code === "ENOTFOUND") return "Host not found";
  return error.code ? `Connection failed (${error.code})` : "Connection failed";
}
