import { processSingleton } from "@/db/process-singleton";
import { env } from "@/lib/env";
import { parseIpEntry, type IpEntry } from "@/lib/net/ip";
import { getTokenByHash, type TokenRow } from "./queries";

/** A token as the API checks it: the stored row, its IP whitelist parsed. */
export type ApiToken = Omit<TokenRow, "ipAllowList"> & { ipAllowList: IpEntry[] };
/** Taken from the database's enum, as stored. */
export type TokenType = ApiToken["type"];

const DEFAULT_TTL_MS = 60_000;
const NEGATIVE_TTL_MS = 5_000;
const MAX_ENTRIES = 20_000;

interface Entry {
  token: ApiToken | null;
  expires: number;
}

/**
 * Hash → token, in front of the database. Trusted only while `live`: the invalidation listener
 * is connected, so every revoke, reset or edit on any instance reaches this cache at once.
 * Unknown hashes are remembered briefly, so a flood of made-up tokens is not a flood of queries.
 */
export class TokenCache {
  private entries = new Map<string, Entry>();
  private hashById = new Map<string, string>();
  private generation = 0;
  private live = false;

  /** `ttlMs` bounds how long a known token is trusted without a notification (0 = no caching). */
  constructor(
    private now: () => number = Date.now,
    private ttlMs: number = DEFAULT_TTL_MS,
  ) {}

  setLive(live: boolean) {
    this.live = live;
    this.clear();
  }

  isLive() {
    return this.live;
  }

  get(hash: string): ApiToken | null | undefined {
    if (!this.live) return undefined;
    const entry = this.entries.get(hash);
    if (!entry) return undefined;
    if (entry.expires <= this.now()) {
      this.entries.delete(hash);
      return undefined;
    }
    return entry.token;
  }

  /** A stamp to pass to `set`: a lookup that raced an invalidation must not be stored. */
  stamp(): number {
    return this.generation;
  }

  set(hash: string, token: ApiToken | null, stamp: number) {
    if (!this.live || stamp !== this.generation || this.ttlMs <= 0) return;
    if (this.entries.size >= MAX_ENTRIES) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(hash, { token, expires: this.now() + (token ? this.ttlMs : Math.min(NEGATIVE_TTL_MS, this.ttlMs)) });
    if (token) this.hashById.set(token.id, hash);
  }

  invalidate(tokenId: string) {
    this.generation++;
    const hash = this.hashById.get(tokenId);
    if (hash) this.entries.delete(hash);
    this.hashById.delete(tokenId);
  }

  clear() {
    this.generation++;
    this.entries.clear();
    this.hashById.clear();
  }

  get size() {
    return this.entries.size;
  }
}

/** The process's cache, emptied by every instance's changes (token-invalidation.ts). */
export const tokenCache = processSingleton("tokenCache", () => new TokenCache(Date.now, env.TOKEN_CACHE_TTL_MS));

/** The token with this SHA-256, cached; throws the database's error rather than guessing. */
export async function findTokenByHash(hash: string): Promise<ApiToken | null> {
  const cached = tokenCache.get(hash);
  if (cached !== undefined) return cached;
  const stamp = tokenCache.stamp();
  const row = await getTokenByHash(hash);
  const token = row && toApiToken(row);
  tokenCache.set(hash, token, stamp);
  return token;
}

function toApiToken(row: TokenRow): ApiToken {
  // Stored entries were validated on save; anything unparsable is dropped (denies, never widens).
  const ipAllowList = row.ipAllowList.flatMap((text) => {
    const parsed = parseIpEntry(text);
    return parsed.ok ? [parsed.entry] : [];
  });
  // A whitelist that had entries but none readable must not turn into "allow everyone".
  if (row.ipAllowList.length > 0 && ipAllowList.length === 0) return { ...row, status: "revoked", ipAllowList };
  return { ...row, ipAllowList };
}
