import { refusedIps } from "@/lib/governance/refused-ips";
import { rateLimitedNotices } from "@/lib/webhooks/rate-limited";
import type { ApiRequest } from "../http/types";
import type { TokenOutcome } from "./authenticate";
import { usage } from "./usage";

/**
 * What a request that presented a known token did, recorded once, on the request's path but
 * in memory only: its usage count (and last use), the refused IP of an `ip_refused`, and the
 * `token.rate_limited` webhook of a 429 (at most once an hour per token, written in the
 * background). A request without a known token records nothing: its IP's failed-auth budget
 * was already spent by `decide`.
 */
export function recordOutcome(request: ApiRequest, result: TokenOutcome | undefined): void {
  if (!result) return;
  const { token, outcome, at } = result;
  usage.record(token, outcome, request.clientIp, at, result.oldSecret);
  if (outcome === "rate_limited") rateLimitedNotices.note(token, at);
  if (outcome === "ip_refused") refusedIps.record(token, request.clientIp, at);
}
