import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from "node:crypto";
import { env } from "@/lib/env";

// The signing secret must sign every later delivery, so unlike a token it is kept, encrypted
// with AES-256-GCM under a key derived from WEBHOOK_SECRET_KEY (or AUTH_SECRET, which
// production requires): a copy of the table alone never yields a secret.

/** `whsec_` + base64 of 32 random bytes: the form the Standard Webhooks libraries accept. */
export function generateSigningSecret(): string {
  return `whsec_${randomBytes(32).toString("base64")}`;
}

function key(): Buffer {
  const material = env.WEBHOOK_SECRET_KEY || env.AUTH_SECRET;
  // Development and tests without AUTH_SECRET: a fixed key (nothing real is protected there).
  const base = material ?? (env.mode === "production" ? null : "hub-development-webhook-key");
  if (!base) throw new Error("WEBHOOK_SECRET_KEY or AUTH_SECRET is required to store webhook signing secrets");
  const salt = createHash("sha256").update("hub-webhook-signing-secrets").digest();
  return Buffer.from(hkdfSync("sha256", base, salt, "webhook-secret-v1", 32));
}

/** What binds a stored secret to its endpoint: a ciphertext copied onto another endpoint's row does not decrypt. */
const boundTo = (endpointId: string) => Buffer.from(`hub-webhook-endpoint:${endpointId}`, "utf8");

/** `v2.<iv>.<tag>.<ciphertext>`, base64url parts, with the endpoint's id as associated data. */
export function encryptSecret(secret: string, endpointId: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(), iv).setAAD(boundTo(endpointId));
  const body = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
  return ["v2", iv, cipher.getAuthTag(), body].map((p) => (typeof p === "string" ? p : p.toString("base64url"))).join(".");
}

/** Reads `v2` (bound to `endpointId`) and, for rows stored before the binding, `v1` (no associated data). */
export function decryptSecret(stored: string, endpointId: string): string {
  const [version, iv, tag, body] = stored.split(".");
  if ((version !== "v1" && version !== "v2") || !iv || !tag || !body) throw new Error("Unreadable webhook secret");
  const decipher = createDecipheriv("aes-256-gcm", key(), Buffer.from(iv, "base64url"));
  if (version === "v2") decipher.setAAD(boundTo(endpointId));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
}
