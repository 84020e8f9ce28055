import { createServer, request as httpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { isTrustedProxy, parseTrustedProxies, resolveClientIp } from "@/lib/net/client-ip";
import { requestIdFor } from "@/lib/request-id";
import { handleApiRequest } from "@/lib/api/http/node-adapter";

// No vitest here: test/api-instance.ts runs this in a child process of its own (withApiServer,
// the Vitest hook around it, is in test/with-api-server.ts).

/** A real HTTP server around the API handler, on an ephemeral loopback port. */
export async function startApiServer(options: { trustProxy?: string; host?: string } = {}) {
  const trusted = parseTrustedProxies(options.trustProxy);
  const server: Server = createServer((req, res) => {
    const ip = resolveClientIp(req.socket.remoteAddress, req.headers["x-forwarded-for"] as string | undefined, trusted);
    const requestId = requestIdFor(req.headers["x-request-id"], isTrustedProxy(req.socket.remoteAddress, trusted));
    void handleApiRequest(req, res, ip, requestId);
  });
  await new Promise<void>((resolve) => server.listen(0, options.host ?? "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

export interface CallOptions {
  method?: string;
  token?: string;
  header?: "authorization" | "auth-api-token";
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
  /** Which loopback address to call from (127.0.0.0/8 all reach lo). */
  from?: string;
  host?: string;
}

export interface CallResult {
  status: number;
  headers: Record<string, string>;
  body: { data?: unknown; error?: { code: string; message: string } } & Record<string, unknown>;
  /** The body exactly as sent, `error.request_id` included (what a schema check must see). */
  sent: unknown;
}

/**
 * Every response names its request in `Request-Id`, and an error body repeats it as
 * `error.request_id`: checked here on every call, then taken out of the body so the tests compare
 * what they are about.
 */
function withRequestIdChecked(result: CallResult): CallResult {
  // Node's HTTP parser answers a request it cannot parse (431, or 400 for a malformed target)
  // before any of our code sees it: a bare answer, without even a Content-Type.
  if (!result.headers["content-type"]) return result;
  const requestId = result.headers["request-id"];
  if (!requestId) throw new Error(`response ${result.status} has no Request-Id header`);
  const error = result.body.error as (Record<string, unknown> & { request_id?: unknown }) | undefined;
  if (error && typeof error === "object") {
    if (error.request_id !== requestId) {
      throw new Error(`error.request_id ${String(error.request_id)} differs from Request-Id ${requestId}`);
    }
    delete error.request_id;
  }
  return result;
}

export function call(port: number, path: string, options: CallOptions = {}): Promise<CallResult> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) {
    if (options.header === "auth-api-token") headers["Auth-Api-Token"] = options.token;
    else headers.Authorization = `Bearer ${options.token}`;
  }
  const payload = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  if (payload !== undefined) headers["Content-Type"] ??= "application/json";
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: options.host ?? "127.0.0.1", port, path, method: options.method ?? "GET", headers, localAddress: options.from },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (c: string) => (text += c));
        res.on("end", () => {
          try {
            const result = { status: res.statusCode ?? 0, headers: res.headers as Record<string, string>, body: text ? JSON.parse(text) : {}, sent: text ? JSON.parse(text) : {} };
            resolve(withRequestIdChecked(result));
          } catch (error) {
            reject(error);
          }
        });
      },
    );
    req.on("error", reject);
    if (payload !== undefined) req.write(payload);
    req.end();
  });
}
