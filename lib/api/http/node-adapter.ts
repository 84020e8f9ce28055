import type { IncomingMessage, ServerResponse } from "node:http";
import { log } from "@/lib/log";
import { metricsEnabled, recordApiRequest } from "@/lib/metrics/registry";
import { REQUEST_ID_HEADER } from "@/lib/request-id";
import { parseClientIpCached, type IpAddress } from "@/lib/net/ip";
import { describeError } from "@/lib/error-log";
import { apiError, MAX_BODY_BYTES, RequestError } from "./errors";
import { parseJsonBody } from "./input";
import { apiPaths, routeApiRequest } from "./routes";
import { apiSecurityHeaders } from "./security-headers";
import { JsonText, type ApiRequest, type ApiResponse } from "./types";

const tooLarge = (limit: number) => new RequestError("payload_too_large", `The request body may be at most ${limit} bytes.`);

/**
 * The body, up to the limit. Past it nothing more is read: the answer is 413, and its
 * `Connection: close` (errors.ts) ends the connection, whose unread rest no one wants.
 */
function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  if (Number(req.headers["content-length"]) > limit) return Promise.reject(tooLarge(limit));
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      req.off("data", onData);
      req.pause();
      reject(tooLarge(limit));
    };
    req.on("data", onData);
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

export function toApiRequest(req: IncomingMessage, clientIp: string | null, requestId: string): ApiRequest {
  return new NodeApiRequest(req, clientIp, requestId);
}

/** Segments of letters, digits, `_` and `-`: a path the WHATWG parser would return as it is. */
const PLAIN_PATH = /^(?:\/[\w-]+)*\/?$/;

/**
 * The path and query as `new URL(raw, base)` reads them. A plain path (every API route's) with
 * no fragment is split without building a URL, which costs more than the rest of the split on
 * the hot path; anything else (dot segments, escapes, `//`, `#`) goes through the parser.
 */
function splitUrl(raw: string): { pathname: string; query: URLSearchParams } {
  const at = raw.indexOf("?");
  const pathname = at < 0 ? raw : raw.slice(0, at);
  if (PLAIN_PATH.test(pathname) && !raw.includes("#")) return { pathname, query: new URLSearchParams(at < 0 ? "" : raw.slice(at)) };
  const url = new URL(raw, "http://api.local");
  return { pathname: url.pathname, query: url.searchParams };
}

/** A class, not an object of closures: made once per request on the hot path. */
class NodeApiRequest implements ApiRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly clientAddress: IpAddress | null;
  /** The body, read once: a Profile Read lookup's may be read before its token is known (auth/cold-lookup.ts), then again by its handler. */
  private body: Promise<Buffer> | undefined;

  constructor(
    private readonly req: IncomingMessage,
    readonly clientIp: string | null,
    readonly requestId: string,
  ) {
    const { pathname, query } = splitUrl(req.url ?? "/");
    this.method = req.method ?? "GET";
    this.path = pathname.replace(/\/+$/, "") || "/";
    this.query = query;
    this.clientAddress = clientIp ? (parseClientIpCached(clientIp)?.address ?? null) : null;
  }

  header(name: string): string | undefined {
    const value = this.req.headers[name.toLowerCase()];
    return Array.isArray(value) ? value[0] : value;
  }

  async readJson(options?: { anyContentType?: boolean }): Promise<unknown> {
    if (!options?.anyContentType && !/^application\/json\b/i.test(this.req.headers["content-type"] ?? "")) {
      throw new RequestError("invalid_request", "Send the body as application/json");
    }
    return parseJsonBody((await this.readRaw()).toString("utf8"));
  }

  readRaw(options?: { maxBytes?: number }): Promise<Buffer> {
    return (this.body ??= readBody(this.req, options?.maxBytes));
  }
}

/** Serves one /api/v1 request on a plain Node HTTP server. */
export async function handleApiRequest(req: IncomingMessage, res: ServerResponse, clientIp: string | null, requestId: string): Promise<void> {
  const started = performance.now();
  let response: ApiResponse;
  try {
    response = await routeApiRequest(toApiRequest(req, clientIp, requestId));
  } catch (error) {
    // The router answers what it can (bad input, 503, 500 with the token's rate-limit fields);
    // this is the last resort: a caller's mistake, or ours, logged with its cause only.
    if (error instanceof RequestError) response = apiError(error.code, error.message);
    else {
      response = apiError("internal");
      log.error({ method: req.method, path: pathOf(req), request_id: requestId, error: describeError(error) }, "api request failed");
    }
  }
  writeApiResponse(req, res, response, started, clientIp, requestId);
}

/** Writes an API response with the headers every /api/v1 answer carries, and logs it. */
export function writeApiResponse(req: IncomingMessage, res: ServerResponse, response: ApiResponse, started: number, clientIp: string | null, requestId: string) {
  const serialized = response.body instanceof JsonText ? response.body : null;
  const body = serialized ? serialized.text : JSON.stringify(withRequestId(response.body, requestId));
  res.writeHead(response.status, headerList(response.headers, serialized ? serialized.byteLength : Buffer.byteLength(body), requestId));
  res.end(body);
  if (metricsEnabled()) recordApiRequest(routeLabel(req), response.status, outcomeOf(response), (performance.now() - started) / 1000);
  // The path only: query strings may carry personal data (?email=…), headers carry tokens.
  log.info({ method: req.method, path: pathOf(req), status: response.status, ms: Math.round(performance.now() - started), ip: clientIp, request_id: requestId }, "api");
}

/**
 * The headers every /api/v1 answer carries, in this order, as the flat [name, value, …] list
 * Node's writeHead takes: built once, copied per answer with its length and request id filled in.
 */
const EVERY_ANSWER = [
  "Content-Type",
  "application/json; charset=utf-8",
  "Content-Length",
  "",
  "Cache-Control",
  "no-store",
  REQUEST_ID_HEADER,
  "",
  ...Object.entries(apiSecurityHeaders).flat(),
];
const LENGTH_AT = 3;
const REQUEST_ID_AT = 7;
const EVERY_ANSWER_NAMES = new Set(EVERY_ANSWER.filter((_, i) => i % 2 === 0).map((name) => name.toLowerCase()));

/** EVERY_ANSWER, then the answer's own headers; one of those that replaces a standard one (Cache-Control) wins. */
function headerList(own: Record<string, string> | undefined, length: number, requestId: string): string[] {
  const list = EVERY_ANSWER.slice();
  list[LENGTH_AT] = String(length);
  list[REQUEST_ID_AT] = requestId;
  if (!own) return list;
  for (const name in own) {
    const at = EVERY_ANSWER_NAMES.has(name.toLowerCase()) ? list.findIndex((n, i) => i % 2 === 0 && n.toLowerCase() === name.toLowerCase()) : -1;
    if (at >= 0) list[at + 1] = own[name]!;
    else list.push(name, own[name]!);
  }
  return list;
}

/** An error body names the request, so a partner's report of a failure finds its log line. */
function withRequestId(body: unknown, requestId: string): unknown {
  const error = (body as { error?: unknown } | null)?.error;
  return error && typeof error === "object" ? { ...body!, error: { ...error, request_id: requestId } } : body;
}

const pathOf = (req: IncomingMessage) => (req.url ?? "/").split("?")[0]!;

/** The route a request is counted under: one of the API's paths, or "other" (no label per made-up path). */
function routeLabel(req: IncomingMessage): string {
  const path = pathOf(req).replace(/\/+$/, "");
  return apiPaths.has(path) ? path : "other";
}

/** `ok`, or the error's code: the outcome a metric counts. */
function outcomeOf(response: ApiResponse): string {
  if (response.status < 400) return "ok";
  const code = (response.body as { error?: { code?: unknown } } | null)?.error?.code;
  return typeof code === "string" ? code : String(response.status);
}
