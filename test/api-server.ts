import { createServer, request as httpRequest, type Server } from "node:http";
import { afterAll, beforeAll } from "vitest";
import type { AddressInfo } from "node:net";
import { parseTrustedProxies, resolveClientIp } from "@/lib/net/client-ip";
import { handleApiRequest } from "@/lib/api/node-adapter";
import { startTokenInvalidation } from "@/lib/api/token-invalidation";

/** A real HTTP server around the API handler, on an ephemeral loopback port. */
export async function startApiServer(options: { trustProxy?: string; host?: string } = {}) {
  const trusted = parseTrustedProxies(options.trustProxy);
  const server: Server = createServer((req, res) => {
    const ip = resolveClientIp(req.socket.remoteAddress, req.headers["x-forwarded-for"] as string | undefined, trusted);
    void handleApiRequest(req, res, ip);
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

/**
 * A test file's API server: the token cache's listener, then the server, started before the
 * file's tests and closed after them. Read `port` inside tests (it is set by then).
 */
export function withApiServer(options: Parameters<typeof startApiServer>[0] = {}) {
  let server: Awaited<ReturnType<typeof startApiServer>> | undefined;
  beforeAll(async () => {
    await startTokenInvalidation();
    server = await startApiServer(options);
  }, 120_000);
  afterAll(async () => {
    await server?.close();
  });
  return {
    get port(): number {
      if (!server) throw new Error("the API server starts in beforeAll: read port inside a test");
      return server.port;
    },
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
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers as Record<string, string>, body: text ? JSON.parse(text) : {} }),
        );
      },
    );
    req.on("error", reject);
    if (payload !== undefined) req.write(payload);
    req.end();
  });
}
