import { accessLog, type LookupFound } from "@/lib/governance/access-log";
import { dailyProfileLimit, type Admission } from "@/lib/governance/profile-limit";
import { profileLimitNotices } from "@/lib/webhooks/profile-limit-reached";
import { consents } from "@/lib/profiles/consent";
import { findProfileByAttribute } from "@/lib/profiles/queries";
import { lookupBodyAsk, parseLookupBody, profileQuerySchema } from "@/lib/profiles/schema";
import type { PrefetchedProfile, ProfileAsk } from "../auth/cold-lookup";
import { apiError } from "../http/errors";
import { unsafeQuery } from "../http/input";
import { profileCache } from "../invalidation/profile-cache";
import type { ApiToken } from "@/lib/tokens/api-token";
import { JsonText, type ApiRequest, type ApiResponse } from "../http/types";

// One lookup, two ways to give the value: GET /api/v1/profile?<attribute>=<value>, and
// POST /api/v1/profile/lookup with {"<attribute>": "<value>"}, which keeps it out of URLs and
// so out of proxies' and servers' access logs. Both end in `answerLookup`: the same answers,
// cache, access-log rows and limits.

/** GET /api/v1/profile: one profile by the token's linking attribute, only the attributes it exposes. */
export async function readProfile(request: ApiRequest, token: ApiToken, prefetched?: PrefetchedProfile): Promise<ApiResponse> {
  const key = token.linkingAttribute!;
  // Each parameter's first value, as URLSearchParams.get reads it.
  const query = Object.fromEntries([...request.query.keys()].map((name) => [name, request.query.get(name)]));
  const parsed = profileQuerySchema(key).safeParse(query);
  if (!parsed.success) {
    return apiError("invalid_request", `Look profiles up with the "${key}" parameter only, e.g. /api/v1/profile?${key}=…`);
  }
  return answerLookup(request, token, key, parsed.data[key]!, prefetched);
}

/** POST /api/v1/profile/lookup: the same lookup with the value in a JSON body. */
export async function lookUpProfile(request: ApiRequest, token: ApiToken, prefetched?: PrefetchedProfile): Promise<ApiResponse> {
  const key = token.linkingAttribute!;
  // A value in the URL would defeat the endpoint's purpose: refused, not read.
  if (request.query.size > 0) return apiError("invalid_request", `Send the lookup in the JSON body only, e.g. {"${key}": "…"}: this endpoint takes no query parameters.`);
  const parsed = parseLookupBody(await request.readJson(), key);
  if (!parsed.ok) return apiError("invalid_request", parsed.message);
  return answerLookup(request, token, key, parsed.value, prefetched);
}

/** The answer to a lookup of `value`, recorded in the access log whatever it is. */
async function answerLookup(request: ApiRequest, token: ApiToken, key: string, value: string, prefetched: PrefetchedProfile | undefined): Promise<ApiResponse> {
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
type Answer = { found: LookupFound; response: ApiResponse; profileId?: string };

/** The answer from this instance's profile cache, else as read with the token, else from Postgres (then cached). */
async function lookUp(token: ApiToken, key: string, value: string, read: PrefetchedProfile | undefined): Promise<Answer> {
  const { accountId, exposedAttributes, purpose } = token;
  // Cached: the answer's bytes for this account, value and exposure set, or that there is none.
  const cached = profileCache.get(accountId, key, value, exposedAttributes, purpose);
  if (cached === "none" || cached === "withheld") return { found: cached, response: notFound(key) };
  if (cached) return { found: "one", response: { status: 200, body: cached.body }, profileId: cached.profileId };
  const stamp = read?.stamp ?? profileCache.stamp();
  const match = read?.match ?? (await findProfileByAttribute(accountId, key, value));
  if (match.found === "none") {
    profileCache.setNotFound(accountId, key, value, stamp);
    return { found: "none", response: notFound(key) };
  }
  // Several profiles hold the value whatever they consent to: the data is broken, never one of them.
  if (match.found === "several") return { found: "several", response: apiError("ambiguous_match", `That ${key} matches more than one profile.`) };
  const profile = match.attributes;
  // Only what the token exposes, in the order it was chosen; serialised once for every later hit,
  // by tokens of any purpose the profile consents to.
  const body = new JsonText(JSON.stringify({ data: Object.fromEntries(exposedAttributes.map((k) => [k, profile[k] ?? null])) }));
  const profileId = String(match.id);
  profileCache.setFound(accountId, key, value, exposedAttributes, profileId, body, match.consent, stamp);
  // No consent for the token's purpose: exactly a missing profile's answer (PRODUCT.md §11).
  if (!consents(match.consent, purpose)) return { found: "withheld", response: notFound(key) };
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

/**
 * The same for POST /api/v1/profile/lookup: the body's one field. The body is read once (the
 * request keeps it for the handler); a bad one asks for nothing here and is answered 400 by
 * the handler, after the token is checked, as any bad input is.
 */
export async function profileBodyAsk(request: ApiRequest): Promise<ProfileAsk | undefined> {
  if (request.query.size > 0) return undefined;
  try {
    return lookupBodyAsk(await request.readJson());
  } catch {
    return undefined;
  }
}

/** The value is never repeated: an answer may be logged where the value must not be. */
const notFound = (key: string) => apiError("profile_not_found", `No profile has that ${key}.`);
