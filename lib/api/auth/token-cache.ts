import { processSingleton } from "@/db/process-singleton";
import { env } from "@/lib/env";
import { recordCacheLookup } from "@/lib/metrics/registry";
import { parseIpEntry } from "@/lib/net/ip";
import type { ApiToken } from "@/lib/tokens/api-token";
import { getTokenByHash, type TokenRow } from "./queries";

const DEFAULT_TTL_MS = 60_000;
const MAX_ENTRIES = 20_000;
/** Unknown hashes: remembered briefly, in a bound of their own. */
const NEGATIVE_TTL_MS = 5_000;
const MAX_NEGATIVE = 10_000;

interface Entry {
  token: ApiToken;
  expires: number;
}

/**
 * Hash → token, in front of the database. Trusted only while `live`: the invalidation listener
 * is connected, so every revoke, reset or edit on any instance reaches this cache at once.
 *
 * Hashes the database said do not exist are remembered briefly in a separate, smaller map, so
 * a repeated made-up token is not a repeated query, and a flood of them never pushes a known
 * token out. Any token notification (create, reset, edit, revoke) empties that map: a token
 * created since is never refused because of it.
 */
export class TokenCache {
  private entries = new Map<string, Entry>();
  private unknown = new Map<string, number>();
  /** The hashes a token's one entry is cached under: its secret, and during an overlap its old one. */
  private hashesById = new Map<string, Set<string>>();
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

  /** The token, null when the database said there is none, undefined when it must be asked. */
  get(hash: string): ApiToken | null | undefined {
    const found = this.lookUp(hash);
    recordCacheLookup("token", found !== undefined);
    return found;
  }

  private lookUp(hash: string): ApiToken | null | undefined {
    if (!this.live) return undefined;
    const entry = this.entries.get(hash);
    // Past its time the entry is asked about again, but kept until then: see `wasValid`.
    if (entry) return entry.expires > this.now() ? entry.token : undefined;
    const unknownUntil = this.unknown.get(hash);
    if (unknownUntil === undefined) return undefined;
    if (unknownUntil > this.now()) return null;
    this.unknown.delete(hash);
    return undefined;
  }

  /**
   * Whether this hash was a valid token when last looked up and nothing has invalidated it
   * since (only its time ran out). Its owner's lookup is no guess, so it never waits on the
   * failed-auth budget that forged tokens from the same address may have spent.
   */
  wasValid(hash: string): boolean {
    return this.live && this.entries.has(hash);
  }

  /** A stamp to pass to `set`: a lookup that raced an invalidation must not be stored. */
  stamp(): number {
    return this.generation;
  }

  set(hash: string, token: ApiToken | null, stamp: number) {
    if (!this.live || stamp !== this.generation || this.ttlMs <= 0) return;
    if (!token) return void bounded(this.unknown, MAX_NEGATIVE).set(hash, this.now() + Math.min(NEGATIVE_TTL_MS, this.ttlMs));
    const evicted = oldest(this.entries, MAX_ENTRIES);
    if (evicted) this.drop(evicted[1].token.id);
    // One entry per token, reachable by both of its hashes during an overlap: whichever secret
    // is presented first, the other is then a cache hit too. Whether the old one still works is
    // decided by time in decide() (secretInForce), so the entry never has to change when the window ends.
    this.drop(token.id);
    const entry = { token, expires: this.now() + this.ttlMs };
    const hashes = new Set([hash, token.secretHash, ...(token.oldSecretHash ? [token.oldSecretHash] : [])]);
    for (const h of hashes) this.entries.set(h, entry);
    this.hashesById.set(token.id, hashes);
  }

  /** A token changed: drop every hash cached for it, and every remembered unknown hash. */
  invalidate(tokenId: string) {
    this.generation++;
    this.drop(tokenId);
    this.unknown.clear();
  }

  clear() {
    this.generation++;
    this.entries.clear();
    this.unknown.clear();
    this.hashesById.clear();
  }

  /** Tokens known plus hashes known not to exist. */
  get size() {
    return this.hashesById.size + this.unknown.size;
  }

  /** Forgets the token's entry under every hash it was cached by. */
  private drop(tokenId: string) {
    for (const hash of this.hashesById.get(tokenId) ?? []) this.entries.delete(hash);
    this.hashesById.delete(tokenId);
  }
}

/** The map with room for one more: its oldest entry removed when it is full. */
function bounded<K, V>(map: Map<K, V>, max: number): Map<K, V> {
  const evicted = oldest(map, max);
  if (evicted) map.delete(evicted[0]);
  return map;
}

/** The entry to evict (the first inserted) when `map` is full, else undefined. */
function oldest<K, V>(map: Map<K, V>, max: number): [K, V] | undefined {
  return map.size >= max ? map.entries().next().value : undefined;
}

/** The process's cache, emptied by every instance's changes (invalidation/token-invalidation.ts). */
export const tokenCache = processSingleton("tokenCache", () => new TokenCache(Date.now, env.TOKEN_CACHE_TTL_MS));

/** The token with this SHA-256, cached; throws the database's error rather than guessing. */
export async function findTokenByHash(hash: string): Promise<ApiToken | null> {
  const cached = tokenCache.get(hash);
  if (cached !== undefined) return cached;
  const stamp = tokenCache.stamp();
  return cacheTokenRow(hash, await getTokenByHash(hash), stamp);
}

/** The row a lookup read (`stamp`: taken before it), as the API checks it, and cached under `hash`. */
export function cacheTokenRow(hash: string, row: TokenRow | null, stamp: number): ApiToken | null {
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
