/**
 * The app as `npm start` runs it, plus one route for the benchmark's ceiling: the Profile Read
 * handler itself, called without authentication (no token lookup, no IP check, no rate limit,
 * no usage count) as if the token were BENCH_CEILING_TOKEN. The authenticated lookup's ratio to
 * it is what authentication costs. Only `npm run bench` starts this file.
 */
import type { ApiToken } from "@/lib/api/token-cache";
import { routeApiRequest, routes } from "@/lib/api/routes";
import type { ApiRequest } from "@/lib/api/types";
import { log } from "@/lib/log";
import { startHub } from "@/lib/server/hub";
import { CEILING_PATH } from "./processes";

const profileRoute = routes.find((r) => r.path === "/api/v1/profile")!;
const token = process.env.BENCH_CEILING_TOKEN ? (JSON.parse(process.env.BENCH_CEILING_TOKEN) as ApiToken) : null;

async function api(request: ApiRequest) {
  if (token && request.method === "GET" && request.path === CEILING_PATH) return profileRoute.handler(request, token);
  return routeApiRequest(request);
}

startHub(api).catch((error) => {
  log.fatal({ err: (error as Error).message }, "bench app failed to start");
  process.exit(1);
});
