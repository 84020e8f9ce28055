import { createHmac, hkdfSync } from "node:crypto";
import { env } from "@/lib/env";

/**
 * The access log's keyed hash of a looked-up value: HMAC-SHA256 under a server key, so the log
 * holds no raw email or customer id, yet an admin who types one in can find its rows (and
 * someone holding only the database cannot test guesses without the key).
 *
 * The key is ACCESS_LOG_HASH_KEY when set; otherwise it is derived from AUTH_SECRET with HKDF
 * (its own label, so the session key itself is never used for anything else). Changing either
 * makes older rows unsearchable: they stay listed, "Was this customer read?" no longer finds them.
 */
const DEV_FALLBACK = "hub-development-only-access-log-key";

let key: Buffer | null = null;
function hashKey(): Buffer {
  if (key) return key;
  const source = env.ACCESS_LOG_HASH_KEY ?? env.AUTH_SECRET;
  // Production refuses to start without AUTH_SECRET (lib/env.ts); only development and tests get here without one.
  const ikm = source ?? (env.dev ? DEV_FALLBACK : null);
  if (!ikm) throw new Error("AUTH_SECRET (or ACCESS_LOG_HASH_KEY) is needed to hash access-log values");
  key = Buffer.from(hkdfSync("sha256", ikm, "hub-access-log", "profile-read value hash v1", 32));
  return key;
}

/**
 * The value as the lookup matched it: exactly (lib/profiles/queries.ts compares it as given, so
 * "Jane@…" and "jane@…" are different lookups); only a search box's surrounding spaces go.
 */
export function hashLookupValue(value: string): string {
  return createHmac("sha256", hashKey()).update(value, "utf8").digest("hex");
}

export const hashSearchValue = (typed: string) => hashLookupValue(typed.trim());

/** A hash as it may appear in a URL (the search redirects with the hash, never the typed value). */
export const isValueHash = (value: unknown): value is string => typeof value === "string" && /^[0-9a-f]{64}$/.test(value);
