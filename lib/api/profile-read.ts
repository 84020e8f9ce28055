import { accessLog } from "@/lib/governance/access-log";
import { findProfileByAttribute, type ProfileMatch } from "@/lib/profiles/queries";
import { profileQuerySchema } from "@/lib/profiles/schema";
import { apiError } from "./errors";
import { profileCache } from "./profile-cache";
import type { ApiToken } from "./token-cache";
import { JsonText, type ApiRequest, type ApiResponse } from "./types";

/** GET /api/v1/profile: one profile by the token's linking attribute, only the attributes it exposes. */
export async function readProfile(request: ApiRequest, token: ApiToken): Promise<ApiResponse> {
  const key = token.linkingAttribute!;
  // Each parameter's first value, as URLSearchParams.get reads it.
  const query = Object.fromEntries([...request.query.keys()].map((name) => [name, request.query.get(name)]));
  const parsed = profileQuerySchema(key).safeParse(query);
  if (!parsed.success) {
    return apiError("invalid_request", `Look profiles up with the "${key}" parameter only, e.g. /api/v1/profile?${key}=…`);
  }
  const value = parsed.data[key]!;
  const answer = await lookUp(token, key, value);
  // Every lookup is on record, answered from the cache or not.
  accessLog.record(token, request.clientIp, key, value, answer.found);
  return answer.response;
}

/** The answer from this instance's profile cache, else from Postgres (then cached). */
async function lookUp(token: ApiToken, key: string, value: string): Promise<{ found: ProfileMatch["found"]; response: ApiResponse }> {
  const { accountId, exposedAttributes } = token;
  // Cached: the answer's bytes for this account, value and exposure set, or that there is none.
  const cached = profileCache.get(accountId, key, value, exposedAttributes);
  if (cached === "none") return { found: "none", response: notFound(key, value) };
  if (cached) return { found: "one", response: { status: 200, body: cached } };
  const stamp = profileCache.stamp();
  const match = await findProfileByAttribute(accountId, key, value);
  if (match.found === "none") {
    profileCache.setNotFound(accountId, key, value, stamp);
    return { found: "none", response: notFound(key, value) };
  }
  if (match.found === "several") {
    return { found: "several", response: apiError("ambiguous_match", `${key} = ${JSON.stringify(value)} matches more than one profile.`) };
  }
  const profile = match.attributes;
  // Only what the token exposes, in the order it was chosen; serialised once for every later hit.
  const body = new JsonText(JSON.stringify({ data: Object.fromEntries(exposedAttributes.map((k) => [k, profile[k] ?? null])) }));
  profileCache.setFound(accountId, key, value, exposedAttributes, String(match.id), body, stamp);
  return { found: "one", response: { status: 200, body } };
}

const notFound = (key: string, value: string) => apiError("profile_not_found", `No profile has ${key} = ${JSON.stringify(value)}.`);
