import { createPublicKey, verify, type KeyObject } from "node:crypto";
import { z } from "@/lib/zod";

/**
 * GitHub's secret-scanning partner keys, as the operator copies them from
 * https://api.github.com/meta/public_keys/secret_scanning into SECRET_SCANNING_PUBLIC_KEYS.
 * Every listed key verifies (not only `is_current`): GitHub may still sign with the previous
 * one while it rotates.
 */
const publishedKeysSchema = z.object({
  public_keys: z
    .array(
      z.object({
        key_identifier: z.string().trim().min(1, "key_identifier must not be empty"),
        key: z.string().includes("BEGIN PUBLIC KEY", { message: "key must be a PEM public key" }),
        is_current: z.boolean().optional(),
      }),
    )
    .min(1, "public_keys must list at least one key"),
});

export type ScanningKeys = ReadonlyMap<string, KeyObject>;

/** The keys by identifier, or null when unset; throws a message naming what is wrong. */
export function parseScanningKeys(text: string | undefined): ScanningKeys | null {
  if (!text?.trim()) return null;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error("SECRET_SCANNING_PUBLIC_KEYS must be the JSON document GitHub publishes ({ \"public_keys\": [...] })");
  }
  const parsed = publishedKeysSchema.safeParse(json);
  if (!parsed.success) throw new Error(`SECRET_SCANNING_PUBLIC_KEYS: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  const keys = new Map<string, KeyObject>();
  for (const { key_identifier, key } of parsed.data.public_keys) {
    let object: KeyObject;
    try {
      object = createPublicKey(key);
    } catch {
      throw new Error(`SECRET_SCANNING_PUBLIC_KEYS: key ${key_identifier} is not a readable PEM public key`);
    }
    if (object.asymmetricKeyType !== "ec" || object.asymmetricKeyDetails?.namedCurve !== "prime256v1") {
      throw new Error(`SECRET_SCANNING_PUBLIC_KEYS: key ${key_identifier} is not an ECDSA P-256 key`);
    }
    keys.set(key_identifier, object);
  }
  return keys;
}

/**
 * Whether `signature` (base64 of a DER ECDSA signature, as in `Github-Public-Key-Signature`)
 * signs `body` (the raw bytes, SHA-256) under the key named by `keyId`. Anything missing,
 * unknown or malformed is simply false.
 */
export function verifiesScanningSignature(keys: ScanningKeys, keyId: string | undefined, signature: string | undefined, body: Buffer): boolean {
  const key = keyId ? keys.get(keyId) : undefined;
  if (!key || !signature || !/^[A-Za-z0-9+/]+={0,2}$/.test(signature.trim())) return false;
  try {
    return verify("sha256", body, { key, dsaEncoding: "der" }, Buffer.from(signature.trim(), "base64"));
  } catch {
    return false;
  }
}
