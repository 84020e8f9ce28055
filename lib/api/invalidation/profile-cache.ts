import { createHash } from "node:crypto";
import { LRUCache } from "lru-cache";
import { processSingleton } from "@/db/process-singleton";
import { env } from "@/lib/env";
import { recordCacheLookup } from "@/lib/metrics/registry";
import { consents, type Consent } from "@/lib/profiles/consent";
import { JsonText } from "../http/types";

/** Bounds of the positive cache: entries, and bytes of answers and keys. */
const MAX_ENTRIES = 50_000;
const MAX_BYTES = 32 * 1024 * 1024;
/** "No such profile": remembered briefly, in a bound of its own, so lookups of made-up values never push real answers out. */
export const NOT_FOUND_TTL_MS = 3_000;
const MAX_NOT_FOUND = 10_000;
/** Accounts whose last change is remembered one by one; past this, every lookup in flight is refused its fill. */
const MAX_TOUCHED = 10_000;

/** What a profile change notification says to forget (see profile-changes.ts). */
export type ProfileChange =
  | { scope: "profile"; accountId: string; profileId: string; pairs: string[] }
  | { scope: "account"; accountId: string }
  | { scope: "all" };

interface Found extends Missing {
  body: JsonText;
  /** Whose answer it is: the daily profile limit counts customers by it. */
  profileId: string;
  byProfile: string;
  /** The profile's consent per purpose: one entry serves every token, whatever its purpose. */
  consent: Consent;
  /** When it was read (performance.now()): a withheld answer is trusted no longer than a "not found". */
  readAt: number;
}

/** A cached 200 answer: its bytes and whose profile they are. */
export type CachedProfile = Pick<Found, "body" | "profileId">;

interface Missing {
  byPair: string;
  /** The attribute/value fingerprint alone, whatever the account: see `mayHold`. */
  pair: string;
}

/**
 * The fingerprint of an attribute/value pair as the trigger on profiles computes it
 * (hub_profile_pair_key): a value that looks like a number is written canonically, since a
 * lookup with "7" matches the stored number 7.0. Over-matching only forgets more.
 */
export function pairKey(attribute: string, value: string): string {
  return createHash("md5").update(`${attribute}\u0001${canonicalNumber(value)}`, "utf8").digest("hex").slice(0, 16);
}

function canonicalNumber(value: string): string {
  const number = /^(-?)(\d+)(?:\.(\d+))?$/.exec(value);
  if (!number) return value;
  const whole = number[2]!.replace(/^0+/, "") || "0";
  const fraction = (number[3] ?? "").replace(/0+$/, "");
  const sign = number[1] && !(whole === "0" && !fraction) ? "-" : "";
  return `${sign}${whole}${fraction ? `.${fraction}` : ""}`;
}

/**
 * Profile Read answers in front of the database, per process, in memory only: for an account,
 * linking attribute, value and exposure set, the 200 answer's bytes (serialised once) with the
 * profile's consent per purpose; and, briefly, that no profile has the value. A token whose
 * purpose the profile does not consent to is told "withheld", answered as "not found": and
 * only as long as a "not found" is trusted (NOT_FOUND_TTL_MS), so how often such a lookup
 * reaches the database, hence how fast it answers, does not tell the two apart either. Trusted only while `live`: the LISTEN connection
 * that carries every profile change (triggers on the table, so whoever writes) is up.
 *
 * Keys start with the account id: two accounts' profiles with the same value never share an
 * entry. A change forgets the entries cached for that profile (any attribute changed alters its
 * answers) and every entry under a value it gained or lost (a new profile ends a "not found",
 * or makes another profile's value ambiguous).
 */
export class ProfileCache {
  private found: LRUCache<string, Found>;
  private missing: LRUCache<string, Missing>;
  private byProfile = new Map<string, Set<string>>();
  private byPair = new Map<string, Set<string>>();
  /** Entries held per attribute/value fingerprint, over all accounts. */
  private pairs = new Map<string, number>();
  private live = false;
  /** Counts changes; a lookup that started before its account's last change must not fill. */
  private sequence = 0;
  private clearedAt = 0;
  private touched = new Map<string, number>();

  /** `ttlMs` is the backstop: how long an answer is trusted without a notification (0 = no caching). */
  constructor(private ttlMs: number = 60_000) {
    this.found = new LRUCache<string, Found>({
      max: MAX_ENTRIES,
      maxSize: MAX_BYTES,
      sizeCalculation: (entry, key) => entry.body.byteLength + key.length,
      ttl: Math.max(1, ttlMs),
      dispose: (entry, key) => {
        unindex(this.byProfile, entry.byProfile, key);
        unindex(this.byPair, entry.byPair, key);
        this.count(entry.pair, -1);
      },
    });
    this.missing = new LRUCache<string, Missing>({
      max: MAX_NOT_FOUND,
      ttl: Math.max(1, Math.min(NOT_FOUND_TTL_MS, ttlMs)),
      dispose: (entry, key) => {
        unindex(this.byPair, entry.byPair, key);
        this.count(entry.pair, -1);
      },
    });
  }

  setLive(live: boolean) {
    this.live = live;
    this.clear();
  }

  isLive() {
    return this.live;
  }

  /**
   * The cached 200 answer (its bytes and whose profile); "withheld" when the profile does not
   * consent to `purpose` (the token's); "none" when no profile has the value; undefined when the
   * database must be asked.
   */
  get(accountId: string, attribute: string, value: string, exposed: readonly string[], purpose: string | null): CachedProfile | "withheld" | "none" | undefined {
    const found = this.lookUp(accountId, attribute, value, exposed, purpose);
    recordCacheLookup("profile", found !== undefined);
    return found;
  }

  private lookUp(accountId: string, attribute: string, value: string, exposed: readonly string[], purpose: string | null): CachedProfile | "withheld" | "none" | undefined {
    if (!this.live) return undefined;
    const hit = this.found.get(foundKey(accountId, attribute, value, exposed));
    if (hit) {
      if (consents(hit.consent, purpose)) return hit;
      return performance.now() - hit.readAt < NOT_FOUND_TTL_MS ? "withheld" : undefined;
    }
    return this.missing.has(missingKey(accountId, attribute, value)) ? "none" : undefined;
  }

  /**
   * Whether some answer (or "not found") for this attribute and value is held, in any account:
   * asked before the token, hence the account, is known (auth/cold-lookup.ts). A yes may be another
   * account's entry; then the lookup only costs a second round trip.
   */
  mayHold(attribute: string, value: string): boolean {
    return this.live && this.pairs.has(pairKey(attribute, value));
  }

  /** A stamp to pass to `set…`: taken before the database is asked. */
  stamp(): number {
    return this.sequence;
  }

  setFound(accountId: string, attribute: string, value: string, exposed: readonly string[], profileId: string, body: JsonText, consent: Consent, stamp: number) {
    if (!this.mayFill(accountId, stamp)) return;
    const key = foundKey(accountId, attribute, value, exposed);
    const pair = pairKey(attribute, value);
    const entry = { body, profileId, consent, readAt: performance.now(), byProfile: `${accountId}:${profileId}`, byPair: `${accountId}:${pair}`, pair };
    // Indexed after the set: overwriting an entry disposes the old one, which unindexes the key.
    this.found.set(key, entry);
    if (!this.found.has(key)) return; // larger than the whole cache may hold
    index(this.byProfile, entry.byProfile, key);
    index(this.byPair, entry.byPair, key);
    this.count(pair, 1);
  }

  setNotFound(accountId: string, attribute: string, value: string, stamp: number) {
    if (!this.mayFill(accountId, stamp)) return;
    const key = missingKey(accountId, attribute, value);
    const pair = pairKey(attribute, value);
    const entry = { byPair: `${accountId}:${pair}`, pair };
    this.missing.set(key, entry);
    index(this.byPair, entry.byPair, key);
    this.count(pair, 1);
  }

  /** Forgets what `change` may have altered; lookups already under way do not fill. */
  invalidate(change: ProfileChange) {
    this.sequence++;
    if (change.scope === "all") return this.clear();
    this.touched.set(change.accountId, this.sequence);
    if (this.touched.size > MAX_TOUCHED) {
      this.touched.clear();
      this.clearedAt = this.sequence;
    }
    if (change.scope === "account") return this.forgetAccount(change.accountId);
    this.forget(this.byProfile.get(`${change.accountId}:${change.profileId}`));
    for (const pair of change.pairs) this.forget(this.byPair.get(`${change.accountId}:${pair}`));
  }

  clear() {
    this.sequence++;
    this.clearedAt = this.sequence;
    this.touched.clear();
    this.found.clear();
    this.missing.clear();
    this.byProfile.clear();
    this.byPair.clear();
    this.pairs.clear();
  }

  /** Answers and "not found"s held. */
  get size() {
    return this.found.size + this.missing.size;
  }

  private count(pair: string, by: 1 | -1) {
    const held = (this.pairs.get(pair) ?? 0) + by;
    if (held > 0) this.pairs.set(pair, held);
    else this.pairs.delete(pair);
  }

  private mayFill(accountId: string, stamp: number): boolean {
    return this.live && this.ttlMs > 0 && stamp >= this.clearedAt && stamp >= (this.touched.get(accountId) ?? 0);
  }

  private forget(keys: Set<string> | undefined) {
    // Copied: deleting disposes, which edits the set being read.
    for (const key of [...(keys ?? [])]) {
      this.found.delete(key);
      this.missing.delete(key);
    }
  }

  private forgetAccount(accountId: string) {
    const prefix = `${accountId}\u0000`;
    for (const cache of [this.found, this.missing] as LRUCache<string, object>[]) {
      for (const key of [...cache.keys()]) if (key.startsWith(prefix)) cache.delete(key);
    }
  }
}

// Query values never hold control characters (refused as bad input), so \u0000 separates
// unambiguously; the value comes last. The account id first: never another account's answer.
const foundKey = (accountId: string, attribute: string, value: string, exposed: readonly string[]) =>
  `${accountId}\u0000${attribute}\u0000${exposed.join(",")}\u0000${value}`;
const missingKey = (accountId: string, attribute: string, value: string) => `${accountId}\u0000${attribute}\u0000\u0000${value}`;

function index(map: Map<string, Set<string>>, name: string, key: string) {
  let keys = map.get(name);
  if (!keys) map.set(name, (keys = new Set()));
  keys.add(key);
}

function unindex(map: Map<string, Set<string>>, name: string, key: string) {
  const keys = map.get(name);
  if (!keys) return;
  keys.delete(key);
  if (keys.size === 0) map.delete(name);
}

/** The process's cache, kept in step with every writer's changes (token-invalidation.ts listens for both). */
export const profileCache = processSingleton("profileCache", () => new ProfileCache(env.PROFILE_CACHE_TTL_MS));
