import { createHmac, hkdfSync } from "node:crypto";
import { env } from "@/lib/env";

/**
 * The access log's keyed hash of a looked-up value: HMAC-SHA256 under a key of the account's
 * own, so the log holds no raw email or customer id, yet an admin who types one in can find its
 * rows; someone holding only the database cannot test guesses without the key, and one value read
 * in two accounts leaves two unrelated hashes (no row links across accounts, and nothing an admin
 * of one account can compute matches another's rows).
 *
 * Each account's key is derived with HKDF from the server's key material (ACCESS_LOG_HASH_KEY
 * when set, else AUTH_SECRET, under its own label so the session key is used for nothing else)
 * and the account id. Changing that material makes older rows unsearchable: they stay listed,
 * "Was this customer read?" no longer finds them.
 */
const DEV_FALLBACK = "hub-development-only-access-log-key";
const SALT = "hub-access-log";

function keyMaterial(): string {
  const source = env.ACCESS_LOG_HASH_KEY ?? env.AUTH_SECRET;
  // Production refuses to start without AUTH_SECRET (lib/env.ts); only development and tests get here without one.
  const ikm = source ?? (env.dev ? DEV_FALLBACK : null);
  if (!ikm) throw new Error("AUTH_SECRET (or ACCESS_LOG_HASH_KEY) is needed to hash access-log values");
  return ikm;
}

const derive = (info: string) => Buffer.from(hkdfSync("sha256", keyMaterial(), SALT, info, 32));

/** Accounts are few; the bound only keeps a long-lived process from growing without limit. */
const accountKeys = new Map<string, Buffer>();
function accountKey(accountId: string): Buffer {
  let key = accountKeys.get(accountId);
  if (key) return key;
  if (accountKeys.size >= 10_000) accountKeys.clear();
  key = derive(`profile-read value hash v2 account ${accountId}`);
  accountKeys.set(accountId, key);
  return key;
}

/**
 * The value as the lookup matched it: exactly (lib/profiles/queries.ts compares it as given, so
 * "Jane@…" and "jane@…" are different lookups); only a search box's surrounding spaces go.
 */
export function hashLookupValue(accountId: string, value: string): string {
  return createHmac("sha256", accountKey(accountId)).update(value, "utf8").digest("hex");
}

let legacyKey: Buffer | null = null;
/**
 * The one key every account shared before keys were per account. Nothing is written under it
 * any more; it is computed only so that "Was this customer read?" still finds rows written
 * before the change (they age out with the account's retention), and its result never leaves
 * the server.
 */
export function legacyLookupHash(value: string): string {
  legacyKey ??= derive("profile-read value hash v1");
  return createHmac("sha256", legacyKey).update(value, "utf8").digest("hex");
}

/** What a typed value may be stored as in this account's log: its own key's hash, and the old shared key's. */
export function searchHashes(accountId: string, typed: string): string[] {
  const value = typed.trim();
  return [hashLookupValue(accountId, value), legacyLookupHash(value)];
}
