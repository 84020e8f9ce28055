/**
 * The Hub's one process: /api/v1 on a lean Node handler (the token APIs' hot path), every
 * other path to Next.js. `npm run dev` and `npm start` run `startHub()` through start.ts; the
 * benchmark composes its own server from the same pieces.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import next from "next";
import { closeDb } from "@/db";
import { handleApiRequest } from "@/lib/api/http/node-adapter";
import { profileCache } from "@/lib/api/invalidation/profile-cache";
import { startTokenInvalidation } from "@/lib/api/invalidation/token-invalidation";
import { usage } from "@/lib/api/auth/usage";
import { purgeExpiredAuditLog } from "@/lib/audit/retention";
import { clock } from "@/lib/clock";
import { env } from "@/lib/env";
import { purgeExpiredAccessLog } from "@/lib/governance/retention";
import { purgeOldNotices } from "@/lib/notices/retention";
import { queueExpiryDigests, queueOldTokenInUse } from "@/lib/notices/sweeps";
import { NOTICE_POLL_MS, sendDueNotices } from "@/lib/notices/worker";
import { startGovernance, stopGovernance } from "@/lib/governance/services";
import { log } from "@/lib/log";
import { recordPageRequest } from "@/lib/metrics/registry";
import { isTrustedProxy, resolveClientIp } from "@/lib/net/client-ip";
import { FORWARDED_REQUEST_ID, REQUEST_ID_HEADER, requestContext, requestIdFor } from "@/lib/request-id";
import { CLIENT_IP_HEADER } from "@/lib/request-ip";
import { newNonce, pageSecurityHeaders } from "@/lib/server/security-headers";
import { handleApiReference } from "@/lib/server/api-reference";
import { startMetricsServer } from "@/lib/server/metrics-server";
import { withinBodyLimit } from "@/lib/server/body-limit";
import { periodicJobs, type Job } from "@/lib/server/jobs";
import { prepareDatabase } from "@/lib/server/prepare-database";
import { sweepEndedOverlaps } from "@/lib/tokens/overlap-sweep";
import { pauseUnusedTokens } from "@/lib/tokens/write/pause";
import { sweepExpiringTokens } from "@/lib/webhooks/expiry-sweep";
import { purgeOldWebhookRows } from "@/lib/webhooks/retention";
import { DELIVERY_POLL_MS, sendDueDeliveries } from "@/lib/webhooks/worker";
import { loggablePath } from "./loggable-path";

export type ApiListener = (req: IncomingMessage, res: ServerResponse, clientIp: string | null, requestId: string) => void | Promise<void>;

const MINUTE_MS = 60_000;

/** What every instance does on a timer; each is safe to run on several instances at once. */
const JOBS: Job[] = [
  { name: "overlap sweep", everyMs: MINUTE_MS, firstRunMs: 0, run: sweepEndedOverlaps },
  { name: "token expiry webhooks", everyMs: MINUTE_MS, firstRunMs: 0, run: () => sweepExpiringTokens(new Date(clock.now())) },
  // The token policy's pause for disuse (PRODUCT.md §12): one guarded update, so one instance pauses each token.
  { name: "pause unused tokens", everyMs: 10 * MINUTE_MS, firstRunMs: MINUTE_MS, run: () => pauseUnusedTokens(new Date(clock.now())) },
  // Stopping ends it after the sends in flight are recorded (listen()'s shutdown waits for that).
  { name: "webhook deliveries", everyMs: DELIVERY_POLL_MS, firstRunMs: DELIVERY_POLL_MS, run: (stopping) => sendDueDeliveries({ stopping }) },
  // The admins' email notices (PRODUCT.md §12): the two the clock finds, and the mail outbox's sender.
  // Each does nothing unless mail goes somewhere (SMTP_URL, or .data/mail/ in development).
  { name: "expiry notices", everyMs: MINUTE_MS, firstRunMs: 0, run: () => queueExpiryDigests(new Date(clock.now())) },
  { name: "old token notices", everyMs: MINUTE_MS, firstRunMs: 0, run: () => queueOldTokenInUse(new Date(clock.now())) },
  { name: "email notices", everyMs: NOTICE_POLL_MS, firstRunMs: NOTICE_POLL_MS, run: (stopping) => sendDueNotices({ stopping }) },
  // Daily, after start-up has settled.
  { name: "access log retention", everyMs: 24 * 60 * MINUTE_MS, firstRunMs: MINUTE_MS, run: () => purgeExpiredAccessLog() },
  { name: "webhook retention", everyMs: 24 * 60 * MINUTE_MS, firstRunMs: 2 * MINUTE_MS, run: () => purgeOldWebhookRows(new Date(clock.now())) },
  // By the database's clock: the append-only trigger judges a row's age by it too.
  { name: "audit log retention", everyMs: 24 * 60 * MINUTE_MS, firstRunMs: 3 * MINUTE_MS, run: () => purgeExpiredAuditLog() },
  { name: "notice retention", everyMs: 24 * 60 * MINUTE_MS, firstRunMs: 4 * MINUTE_MS, run: () => purgeOldNotices(new Date(clock.now())) },
];

/** Migrations (and demo data in development), the token cache's listener, the usage and access-log writers, the periodic jobs (the webhook worker among them). */
export async function startServices(): Promise<void> {
  // Before the first request, so every one is counted.
  if (env.METRICS_PORT) await startMetricsServer(env.METRICS_PORT, env.METRICS_HOST);
  await prepareDatabase();
  await startTokenInvalidation();
  usage.start();
  startGovernance();
  periodicJobs.start(JOBS);
}

/** Next.js, prepared, in the process's mode. */
export async function prepareNext() {
  const app = next({ dev: env.dev, hostname: env.HOST, port: env.PORT, turbopack: env.dev });
  await app.prepare();
  return app;
}

/** One HTTP server: /api/v1 to `api`, everything else to Next with the page security headers. */
export function createAppServer(app: Awaited<ReturnType<typeof prepareNext>>, api: ApiListener = handleApiRequest): Server {
  const handleNext = app.getRequestHandler();
  const server = createServer((req, res) => {
    const socketAddress = req.socket.remoteAddress;
    const clientIp = resolveClientIp(socketAddress, req.headers["x-forwarded-for"] as string | undefined, env.trustedProxies);
    const requestId = requestIdFor(req.headers[FORWARDED_REQUEST_ID], isTrustedProxy(socketAddress, env.trustedProxies));
    if (req.url?.startsWith("/api/v1/") || req.url === "/api/v1") {
      void api(req, res, clientIp, requestId);
      return;
    }
    res.setHeader(REQUEST_ID_HEADER, requestId);
    if (!withinBodyLimit(req, res)) return;
    // Pages learn the caller's address and the script nonce only from us: whatever a client
    // sent under these names is replaced or removed. Next.js reads the nonce from the request's policy.
    if (clientIp) req.headers[CLIENT_IP_HEADER] = clientIp;
    else delete req.headers[CLIENT_IP_HEADER];
    req.headers[FORWARDED_REQUEST_ID] = requestId;
    const nonce = newNonce();
    const headers = pageSecurityHeaders(!env.dev, nonce);
    req.headers["content-security-policy"] = headers["Content-Security-Policy"];
    delete req.headers["content-security-policy-report-only"];
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    // The API reference is rendered here, outside Next.js, with the same headers (public: no session).
    if (handleApiReference(req, res, nonce)) return;
    // Everything logged while Next.js serves it (Auth.js, server actions, errors) names the request.
    requestContext.run({ requestId }, () => {
      whenAnswered(req, res, clientIp, requestId);
      void handleNext(req, res);
    });
  });
  if (env.dev) server.on("upgrade", app.getUpgradeHandler());
  server.keepAliveTimeout = 65_000;
  return server;
}

/**
 * A console request, once answered: counted, and in production one log line like the API's
 * (the path only, without a link's code: see loggablePath).
 */
function whenAnswered(req: IncomingMessage, res: ServerResponse, clientIp: string | null, requestId: string) {
  const started = performance.now();
  res.once("finish", () => {
    recordPageRequest(res.statusCode);
    if (env.dev) return;
    log.info({ method: req.method, path: loggablePath(req.url), status: res.statusCode, ms: Math.round(performance.now() - started), ip: clientIp, request_id: requestId }, "page");
  });
}

/** Listens, and closes cleanly on SIGINT/SIGTERM (the profile cache emptied; pending usage counts and access-log rows written, webhook sends finished first). */
export function listen(server: Server, onReady: () => void = () => {}): void {
  server.listen(env.PORT, env.HOST, () => {
    log.info({ url: `http://${env.HOST}:${env.PORT}`, mode: env.dev ? "development" : "production" }, "hub ready");
    onReady();
  });
  const shutdown = () => {
    server.close();
    // Personal data lives only in this process's memory: dropped before anything else.
    profileCache.setLive(false);
    // A send cut short here is still pending in the outbox: another run sends it again.
    void Promise.all([usage.stop(), periodicJobs.stop(), stopGovernance()])
      .then(() => closeDb())
      .finally(() => process.exit(0));
    // Long enough for a webhook send in flight (10 s at most) to finish and be recorded.
    setTimeout(() => process.exit(0), 12_000).unref();
  };
  process.once("SIGINT", shutdown);
  process.once("SIGTERM", shutdown);
}

export async function startHub(onReady?: () => void): Promise<void> {
  await startServices();
  listen(createAppServer(await prepareNext()), onReady);
}
