/**
 * The Hub's one process: /api/v1 on a lean Node handler (the token APIs' hot path), every
 * other path to Next.js. `npm run dev` and `npm start` run it through start.ts.
 */
import { createServer } from "node:http";
import next from "next";
import { closeDb } from "@/db";
import { handleApiRequest } from "@/lib/api/node-adapter";
import { startTokenInvalidation } from "@/lib/api/token-store";
import { usage } from "@/lib/api/usage";
import { prepareDatabase } from "@/lib/demo-data";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { resolveClientIp } from "@/lib/net/client-ip";
import { newNonce, pageSecurityHeaders } from "@/lib/server/security-headers";
import { CLIENT_IP_HEADER } from "@/lib/request-ip";

const dev = env.NODE_ENV !== "production";
const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOST ?? "127.0.0.1";

/**
 * `api` answers /api/v1 (the app's routes when omitted); only the benchmark passes its own,
 * with its no-auth ceiling route.
 */
export async function startHub(api?: Parameters<typeof handleApiRequest>[3]) {
  await prepareDatabase();
  await startTokenInvalidation();
  usage.start();

  const app = next({ dev, hostname, port, turbopack: dev });
  await app.prepare();
  const handleNext = app.getRequestHandler();

  const server = createServer((req, res) => {
    const clientIp = resolveClientIp(req.socket.remoteAddress, req.headers["x-forwarded-for"] as string | undefined, env.trustedProxies);
    if (req.url?.startsWith("/api/v1/") || req.url === "/api/v1") {
      void handleApiRequest(req, res, clientIp, api);
      return;
    }
    // Pages learn the caller's address and the script nonce only from us: whatever a client
    // sent under these names is replaced. Next.js reads the nonce from the request's policy.
    req.headers[CLIENT_IP_HEADER] = clientIp ?? "unknown";
    const headers = pageSecurityHeaders(!dev, newNonce());
    req.headers["content-security-policy"] = headers["Content-Security-Policy"];
    delete req.headers["content-security-policy-report-only"];
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    void handleNext(req, res);
  });
  if (dev) server.on("upgrade", app.getUpgradeHandler());
  server.keepAliveTimeout = 65_000;
  server.listen(port, hostname, () => log.info({ url: `http://${hostname}:${port}`, mode: dev ? "development" : "production" }, "hub ready"));

  const shutdown = () => {
    server.close();
    void usage
      .stop()
      .then(() => closeDb())
      .finally(() => process.exit(0));
    setTimeout(() => process.exit(0), 5_000).unref();
  };
  process.once("SIGINT", shutdown);
  process.once("SIGTERM", shutdown);
}
