import { createCipheriv, createHash, hkdfSync, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { env } from "@/lib/env";
import { decryptSecret, encryptSecret, generateSigningSecret } from "./secret";

// The stored signing secret is bound to its endpoint (AES-GCM associated data), and rows written
// before that binding still decrypt (issue 27, item 9).

const endpointA = "6f1c1b7e-3a7e-4d39-9d57-0f3f2f3a1a01";
const endpointB = "0b6c2e3d-8f4a-4c1e-b1e0-5a2d9c7e4b02";

/** A secret as the first version stored it: `v1.<iv>.<tag>.<ciphertext>`, no associated data. */
function encryptLikeV1(secret: string): string {
  const base = env.WEBHOOK_SECRET_KEY || env.AUTH_SECRET || "hub-development-webhook-key";
  const salt = createHash("sha256").update("hub-webhook-signing-secrets").digest();
  const key = Buffer.from(hkdfSync("sha256", base, salt, "webhook-secret-v1", 32));
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const body = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
  return ["v1", iv, cipher.getAuthTag(), body].map((p) => (typeof p === "string" ? p : p.toString("base64url"))).join(".");
}

describe("webhook signing secrets at rest", () => {
  it("decrypt only for the endpoint they were stored for: a ciphertext copied onto another endpoint is unreadable", () => {
    const secret = generateSigningSecret();
    const stored = encryptSecret(secret, endpointA);
    expect(stored).toMatch(/^v2\./);
    expect(stored).not.toContain(secret.slice(6));
    expect(decryptSecret(stored, endpointA)).toBe(secret);
    expect(() => decryptSecret(stored, endpointB)).toThrow();
  });

  it("still read rows stored before the binding (v1)", () => {
    const secret = generateSigningSecret();
    expect(decryptSecret(encryptLikeV1(secret), endpointA)).toBe(secret);
  });

  it("refuse anything else", () => {
    expect(() => decryptSecret("v3.AAAA.AAAA.AAAA", endpointA)).toThrow("Unreadable webhook secret");
    expect(() => decryptSecret("v2.AAAA.AAAA.AAAA", endpointA)).toThrow();
  });
});
