import type { IpEntry } from "@/lib/net/ip";
import type { TokenType } from "@/lib/tokens/secret";

export interface ApiToken {
  id: string;
  accountId: string;
  type: TokenType;
  status: "active" | "revoked";
  rateLimit: number;
  exposedAttributes: string[];
  linkingAttribute: string | null;
  ipAllowList: IpEntry[];
}

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
