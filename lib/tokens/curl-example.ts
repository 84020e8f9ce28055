import { ALL_ACTIVITY_SCOPES, type ActivityScope } from "./scopes";
import type { TokenType } from "./types";

const LIST_SCOPES: Array<[ActivityScope, string]> = [
  ["users:read", "/api/v1/users"],
  ["groups:read", "/api/v1/groups"],
  ["forms:read", "/api/v1/forms"],
];
const AUTH = `-H "Authorization: Bearer $HUB_API_TOKEN"`;
const utcDay = (ms: number) => `${new Date(ms).toISOString().slice(0, 10)}T00:00:00Z`;

/**
 * The Activity reports call partners start with: the summary of the last 30 whole UTC days.
 * The body is JSON; the Content-Type is sent anyway, for proxies that look at it.
 */
export function activityReportsCurl(origin: string, now: Date): string {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const body = JSON.stringify({ type: "summary", date_from: utcDay(today - 30 * 86_400_000), date_to: utcDay(today) });
  return `curl ${AUTH} -H "Content-Type: application/json" \\\n  -d '${body}' \\\n  ${origin}/api/v1/activity/reports`;
}

/** Why a Profile Read lookup is shown as a POST first: said beside the example and in the reference. */
export const PROFILE_LOOKUP_REASON = "The POST keeps the customer's value out of URLs, and so out of proxy and server logs; the GET answers the same.";

/**
 * A profile lookup: the POST (the value in the body), then the same lookup as a GET. Shell
 * comments say which is which, so the whole text can be pasted.
 */
export function profileLookupCurl(origin: string, linkingAttribute: string): string {
  const body = JSON.stringify({ [linkingAttribute]: `<${linkingAttribute}>` });
  return [
    "# Recommended: the value stays out of the URL and proxy logs",
    `curl ${AUTH} -H "Content-Type: application/json" \\`,
    `  -d '${body}' \\`,
    `  ${origin}/api/v1/profile/lookup`,
    "# The same lookup with the value in the URL",
    `curl ${AUTH} "${origin}/api/v1/profile?${linkingAttribute}=<${linkingAttribute}>"`,
  ].join("\n");
}

/**
 * A first request to try with a new token. It names $HUB_API_TOKEN rather than the secret,
 * so the token does not end up in shell history.
 */
export function curlExample(origin: string, type: TokenType, linkingAttribute?: string | null, now = new Date(), scopes: readonly string[] = ALL_ACTIVITY_SCOPES): string {
  if (type === "activity") {
    // Only what the token's scopes allow: the first list it may read, then the reports call.
    const list = LIST_SCOPES.find(([scope]) => scopes.includes(scope));
    const lines = [list ? `curl ${AUTH} ${origin}${list[1]}` : null, scopes.includes("activity:read") ? activityReportsCurl(origin, now) : null];
    return lines.filter((line) => line !== null).join("\n");
  }
  return profileLookupCurl(origin, linkingAttribute || "email");
}
