import { accessLog } from "@/lib/governance/access-log";
import { findProfileByAttribute } from "@/lib/profiles/queries";
import { profileQuerySchema } from "@/lib/profiles/schema";
import { apiError } from "./errors";
import type { ApiToken } from "./token-cache";
import type { ApiRequest, ApiResponse } from "./types";

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
  const match = await findProfileByAttribute(token.accountId, key, value);
  accessLog.record(token, request.clientIp, key, value, match.found);
  if (match.found === "none") return apiError("profile_not_found", `No profile has ${key} = ${JSON.stringify(value)}.`);
  if (match.found === "several") return apiError("ambiguous_match", `${key} = ${JSON.stringify(value)} matches more than one profile.`);
  const profile = match.attributes;
  // Only what the token exposes, in the order it was chosen.
  return { status: 200, body: { data: Object.fromEntries(token.exposedAttributes.map((k) => [k, profile[k] ?? null])) } };
}
