import { toMatch, type ProfileMatch } from "@/lib/profiles/queries";
import { profileCache } from "../invalidation/profile-cache";
import { getTokenWithProfile } from "./queries";
import { cacheTokenRow, findTokenByHash, tokenCache } from "./token-cache";
import type { ApiToken } from "@/lib/tokens/api-token";

/** The profile a request asks for, known before its token is: its one query parameter, or its body's one field. */
export interface ProfileAsk {
  key: string;
  value: string;
}

/** The asked profile, read in the token's statement: the handler uses it instead of asking again. */
export interface PrefetchedProfile extends ProfileAsk {
  match: ProfileMatch;
  /** The profile cache's stamp from before the statement, to fill the cache with `match`. */
  stamp: number;
}

/**
 * The token for a hash the token cache does not hold. With `ask` (a Profile Read request) that
 * the profile cache cannot answer, the profile comes in the same statement: a request that
 * misses both caches waits on one round trip, not two. The profile is read only for an active
 * Profile Read token linked on `ask.key`, and only within its account; whether the request may
 * have it is still decide's call (authenticate.ts).
 */
export async function lookUpToken(hash: string, ask?: ProfileAsk): Promise<{ token: ApiToken | null; prefetched?: PrefetchedProfile }> {
  // The profile cache likely answers: the token alone, and no profile read for nothing.
  if (!ask || profileCache.mayHold(ask.key, ask.value)) return { token: await findTokenByHash(hash) };
  const tokenStamp = tokenCache.stamp();
  const stamp = profileCache.stamp();
  const found = await getTokenWithProfile(hash, ask.key, ask.value);
  const token = cacheTokenRow(hash, found.token, tokenStamp);
  if (!token || !found.profiles) return { token };
  return { token, prefetched: { ...ask, match: toMatch(found.profiles), stamp } };
}
