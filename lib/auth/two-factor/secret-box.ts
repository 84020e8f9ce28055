import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from "node:crypto";
import { env } from "@/lib/env";

// A TOTP key must be read back at every sign-in, so unlike a password it is kept, encrypted with
// AES-256-GCM under a key derived (HKDF) from TOTP_SECRET_KEY, or AUTH_SECRET when that is unset:
// a copy of the users table alone never yields a key. Rotating the key material makes every
// stored key unreadable: those users must sign in with a recovery code and set two-factor up again.

function key(): Buffer {
  const material = env.TOTP_SECRET_KEY || env.AUTH_SECRET;
  // Development and tests without AUTH_SECRET: a fixed key (nothing real is protected there).
  const base = material ?? (env.mode === "production" ? null : "hub-development-totp-key");
  if (!base) throw new Error("TOTP_SECRET_KEY or AUTH_SECRET is required to store two-factor keys");
  const salt = createHash("sha256").update("hub-totp-keys").digest();
  return Buffer.from(hkdfSync("sha256", base, salt, "totp-key-v1", 32));
}

/** `v1.<iv>.<tag>.<ciphertext>`, base64url parts; the user id is bound in as associated data. */
export function encryptTotpKey(totpKey: Uint8Array, userId: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(), iv);
  cipher.setAAD(Buffer.from(userId));
  const body = Buffer.concat([cipher.update(totpKey), cipher.final()]);
  return ["v1", iv, cipher.getAuthTag(), body].map((p) => (typeof p === "string" ? p : p.toString("base64url"))).join(".");
}

/** The key, or null when it cannot be read (another user's row, tampered, or the key material changed). */
export function decryptTotpKey(stored: string, userId: string): Uint8Array | null {
  const [version, iv, tag, body, extra] = stored.split(".");
  if (version !== "v1" || !iv || !tag || !body || extra !== undefined) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", key(), Buffer.from(iv, "base64url"));
    decipher.setAAD(Buffer.from(userId));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return new Uint8Array(Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]));
  } catch {
    return null;
  }
}
