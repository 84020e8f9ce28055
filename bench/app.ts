/**
 * The app as `npm start` runs it, plus one route for the benchmark's ceiling: the Profile Read
 * handler itself, called without authentication (no token lookup, no IP check, no rate limit,
 * no usage count) as if the token were BENCH_CEILING_TOKEN. The authenticated lookup's ratio to
 * it is what authentication costs. Only `npm run bench` starts this file; it composes the
 * server from the pieces `npm start` uses, so nothing shipped carries a benchmark seam (access
 * logging, which `npm start` cannot turn off, is switched off here for the comparison).
 */
import { handleApiRequest, toApiRequest, writeApiResponse } from "@/lib/api/http/node-adapter";
import { routes } from "@/lib/api/http/routes";
import { accessLog } from "@/lib/governance/access-log";
import type { ApiToken } from "@/lib/tokens/api-token";
import { log } from "@/lib/log";
import { createAppServer, listen, prepareNext, startServices, type ApiListener } from "@/lib/server/app-server";
import { CEILING_PATH } from "./processes";

// BENCH_ACCESS_LOG=off: the same build without Profile Read access logging, to measure what it costs.
if (process.env.BENCH_ACCESS_LOG === "off") accessLog.record = () => {};

const profileRoute = routes.find((r) => r.path === "/api/v1/profile")!;
const token = process.env.BENCH_CEILING_TOKEN ? (JSON.parse(process.env.BENCH_CEILING_TOKEN) as ApiToken) : null;

const api: ApiListener = async (req, res, clientIp, requestId) => {
  if (!token || req.method !== "GET" || !req.url?.startsWith(`${CEILING_PATH}?`)) return handleApiRequest(req, res, clientIp, requestId);
  const started = performance.now();
  writeApiResponse(req, res, await profileRoute.handler(toApiRequest(req, clientIp, requestId), token), started, clientIp, requestId);
};

async function main() {
  await startServices();
  listen(createAppServer(await prepareNext(), api));
}

main().catch((error) => {
  log.fatal({ err: (error as Error).message }, "bench app failed to start");
  process.exit(1);
});
