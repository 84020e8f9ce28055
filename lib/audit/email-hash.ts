import { createHmac, hkdfSync } from "node:crypto";
import { env } from "@/lib/env";

/**
 * A sign-in email that names no user, kept only as HMAC-SHA256 under a key derived from
 * AUTH_SECRET with HKDF (its own label: the session key is used for nothing else). Repeated
 * attempts at one address can be told apart and matched by someone holding the key, while the
 * address itself, a personal value, is never written.
 */
const DEV_FALLBACK = "hub-development-only-audit-email-key";

let key: Buffer | null = null;
function hashKey(): Buffer {
  if (key) return key;
  // Production refuses to start without AUTH_SECRET (lib/env.ts); only development and tests get here without one.
  const ikm = env.AUTH_SECRET ?? (env.dev ? DEV_FALLBACK : null);
  if (!ikm) throw new Error("AUTH_SECRET is needed to hash sign-in emails");
  key = Buffer.from(hkdfSync("sha256", ikm, "hub-audit-log", "sign-in email hash v1", 32));
  return key;
}

/** The email as sign-in compared it (trimmed, lower-cased by the sign-in schema). */
export function hashSignInEmail(email: string): string {
  return createHmac("sha256", hashKey()).update(email, "utf8").digest("hex");
}
