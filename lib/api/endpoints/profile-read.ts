import { accessLog } from "@/lib/governance/access-log";
import { dailyProfileLimit, type Admission } from "@/lib/governance/profile-limit";
import { profileLimitNotices } from "@/lib/webhooks/profile-limit-reached";
import { findProfileByAttribute, type ProfileMatch } from "@/lib/profiles/queries";
import { profileQuerySchema } from "@/lib/profiles/schema";
import type { PrefetchedProfile, ProfileAsk } from "../auth/cold-lookup";
import { apiError } from "../http/errors";
import { unsafeQuery } from "../http/input";
import { profileCache } from "../invalidation/profile-cache";
import type { ApiToken } from "@/lib/tokens/api-token";
import { JsonText, type ApiRequest, type ApiResponse } from "../http/types";

/** GET /api/v1/profile: one profile by the token's linking attribute, only the attributes it exposes. */
export async function readProfile(request: ApiRequest, token: ApiToken, prefetched?: PrefetchedProfile): Promise<ApiResponse> {
  const key = token.linkingAttribute!;
  // Each parameter's first value, as URLSearchParams.get reads it.
  const query = Object.fromEntries([...request.query.keys()].map((name) => [name, request.query.get(name)]));
  const parsed = profileQuerySchema(key).safeParse(query);
  if (!parsed.success) {
    return apiError("invalid_request", `Look profiles up with the "${key}" parameter only, e.g. /api/v1/profile?${key}=…`);
  }
  const value = parsed.data[key]!;
  // Read with the token (auth/cold-lookup.ts) only if it is this very lookup.
  const read = prefetched?.key === key && prefetched.value === value ? prefetched : undefined;
  const answer = await lookUp(token, key, value, read);
  // The daily profile limit: a customer counts once a day, and only when returned.
  const admission = answer.profileId ? await dailyProfileLimit.admit(token, answer.profileId) : await dailyProfileLimit.refuseWhenFull(token);
  if (!admission.ok) {
    // Nothing was returned, so there is nothing to put on record but the webhook.
    profileLimitNotices.note(token, Date.now());
    return limitReached(admission);
  }
  // Every lookup answered is on record, from the cache or not.
  accessLog.record(token, request.clientIp, key, value, answer.found);
  return answer.response;
}

/** `profileId`: set only when the answer returns that profile (what the daily profile limit counts). */
type Answer = { found: ProfileMatch["found"]; response: ApiResponse; profileId?: string };

/** The answer from this instance's profile cache, else as read with the token, else from Postgres (then cached). */
async function lookUp(
  token: ApiToken,
  key: string,
  value: string,
  read: PrefetchedProfile | undefined,
): Promise<Answer> {
  const { accountId, exposedAttributes } = token;
  // Cached: the answer's bytes for this account, value and exposure set, or that there is none.
  const cached = profileCache.get(accountId, key, value, exposedAttributes);
  if (cached === "none") return { found: "none", response: notFound(key, value) };
  if (cached) return { found: "one", response: { status: 200, body: cached.body }, profileId: cached.profileId };
  const stamp = read?.stamp ?? profileCache.stamp();
  const match = read?.match ?? (await findProfileByAttribute(accountId, key, value));
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
  const profileId = String(match.id);
  profileCache.setFound(accountId, key, value, exposedAttributes, profileId, body, stamp);
  return { found: "one", response: { status: 200, body }, profileId };
}

/**
 * The profile a request asks for before its token is known, so the token's statement can read
 * it too: the one query parameter, if that is all the query holds and it is safe to send on.
 */
export function profileAsk(request: ApiRequest): ProfileAsk | undefined {
  const names = [...request.query.keys()];
  if (names.length !== 1 || unsafeQuery(request.query)) return undefined;
  const value = request.query.get(names[0]!);
  return value ? { key: names[0]!, value } : undefined;
}

const limitReached = (refusal: Extract<Admission, { ok: false }>) =>
  apiError(
    "profile_limit_reached",
    `This token may return ${refusal.limit} distinct customers a day (UTC) and has returned that many today. Customers it already returned today are still served; others from midnight UTC (Retry-After).`,
    { "Retry-After": String(refusal.retryAfterSeconds) },
  );

const notFound = (key: string, value: string) => apiError("profile_not_found", `No profile has ${key} = ${JSON.stringify(value)}.`);
