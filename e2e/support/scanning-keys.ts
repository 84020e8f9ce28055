import { createPrivateKey, generateKeyPairSync, sign } from "node:crypto";

/**
 * The GitHub secret-scanning key pair of an e2e run, made when the run starts: the server gets
 * the public half as SECRET_SCANNING_PUBLIC_KEYS, the tests sign with the private half. Kept in
 * the environment, which Playwright's workers inherit, so every process sees the same pair.
 */
export const SCANNING_KEY_ID = "e2e-scanning-key";

export function scanningPublicKeys(): string {
  if (!process.env.E2E_SCANNING_PRIVATE_KEY) {
    const pair = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
    process.env.E2E_SCANNING_PRIVATE_KEY = pair.privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    const key = pair.publicKey.export({ type: "spki", format: "pem" }).toString();
    process.env.E2E_SCANNING_PUBLIC_KEYS = JSON.stringify({ public_keys: [{ key_identifier: SCANNING_KEY_ID, key, is_current: true }] });
  }
  return process.env.E2E_SCANNING_PUBLIC_KEYS!;
}

/** `Github-Public-Key-Signature` for this body, as GitHub computes it. */
export function githubSignature(body: string): string {
  return sign("sha256", Buffer.from(body), createPrivateKey(process.env.E2E_SCANNING_PRIVATE_KEY!)).toString("base64");
}
