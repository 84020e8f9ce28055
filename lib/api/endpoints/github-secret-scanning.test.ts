import { eq } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
// First: it mocks the session and headers before the actions are imported.
import "@/test/next-mocks";
import { getDb } from "@/db";
import { tokenEvents } from "@/db/tables";
import { resetToken } from "@/lib/tokens/actions";
import { getToken } from "@/lib/tokens/queries";
import { generateToken } from "@/lib/tokens/secret";
import { call } from "@/test/api-server";
import { withTestDatabase } from "@/test/database";
import { withSignedInAdmin } from "@/test/signed-in-admin";
import { createTestEndpoint, withWebhookReceiver } from "@/test/webhook-setup";
import { parseScanningKeys } from "@/lib/secret-scanning-keys";

// GitHub's secret-scanning partner endpoint with a key pair made here: the operator's
// SECRET_SCANNING_PUBLIC_KEYS is set before lib/env reads it (vi.hoisted runs before imports).
const keys = await vi.hoisted(async () => {
  const { generateKeyPairSync } = await import("node:crypto");
  const current = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
  const stranger = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
  const pem = current.publicKey.export({ type: "spki", format: "pem" }).toString();
  process.env.SECRET_SCANNING_PUBLIC_KEYS = JSON.stringify({ public_keys: [{ key_identifier: "test-key-1", key: pem, is_current: true }] });
  return { current, stranger };
});

withTestDatabase();

const admin = withSignedInAdmin("scan");
const receiver = withWebhookReceiver();
const { server, forms, issued } = admin;

const { sign } = await import("node:crypto");
type Signer = typeof keys.current.privateKey;

function scan(matches: unknown, options: { keyId?: string; signer?: Signer; signature?: string } = {}) {
  const rawBody = JSON.stringify(matches);
  const signature = options.signature ?? sign("sha256", Buffer.from(rawBody), options.signer ?? keys.current.privateKey).toString("base64");
  const headers: Record<string, string> = { "Github-Public-Key-Signature": signature };
  headers["Github-Public-Key-Identifier"] = options.keyId ?? "test-key-1";
  return call(server.port, "/api/v1/secret-scanning/github", { method: "POST", rawBody, headers });
}

const match = (token: string, url = "https://github.com/octo/repo/blob/abc123/config.env") => ({ token, type: "hub_api_token", url, source: "content" });

describe("POST /api/v1/secret-scanning/github", () => {
  it("revokes a match on a good signature and answers per token: true_positive / false_positive", async () => {
    const { tokenId, token } = await issued();
    const unknown = generateToken("activity").token;
    const answer = await scan([match(token), match(unknown), match("hub_act_typo")]);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual([
      { token_raw: token, token_type: "hub_api_token", label: "true_positive" },
      { token_raw: unknown, token_type: "hub_api_token", label: "false_positive" },
      { token_raw: "hub_act_typo", token_type: "hub_api_token", label: "false_positive" },
    ]);
    expect((await forms(token)).status).toBe(401);
    expect(await getToken(admin.account.accountId, tokenId)).toMatchObject({
      status: "revoked",
      exposedSource: "GitHub secret scanning",
      exposedUrl: "https://github.com/octo/repo/blob/abc123/config.env",
    });
    const [event] = await getDb().select().from(tokenEvents).where(eq(tokenEvents.tokenId, tokenId)).orderBy(tokenEvents.id).then((e) => e.slice(-1));
    expect(event).toMatchObject({ action: "exposed", actorName: "GitHub secret scanning" });
    expect(event!.changes).toContainEqual({ field: "Found at", from: "", to: "https://github.com/octo/repo/blob/abc123/config.env" });
    // Reported again, it is no longer live: a false positive now, and no second History row.
    expect((await scan([match(token)])).body).toEqual([{ token_raw: token, token_type: "hub_api_token", label: "false_positive" }]);
  });

  it("refuses a bad signature, another key's signature, an unknown key id or no signature (401), revoking nothing", async () => {
    const { tokenId, token } = await issued();
    const body = [match(token)];
    const other = sign("sha256", Buffer.from(JSON.stringify([match("x")])), keys.current.privateKey).toString("base64");
    for (const options of [{ signature: other }, { signer: keys.stranger.privateKey }, { keyId: "no-such-key" }, { signature: "%%%" }, { signature: "" }]) {
      const answer = await scan(body, options);
      expect(answer.status, JSON.stringify(options)).toBe(401);
      expect(answer.body.error!.code).toBe("invalid_signature");
    }
    expect((await forms(token)).status).toBe(200);
    expect((await getToken(admin.account.accountId, tokenId))!.status).toBe("active");
  });

  it("takes a reset's old secret during its overlap as a true positive and ends the whole token", async () => {
    const { tokenId, token: old } = await issued();
    const reset = await resetToken(tokenId, { keepOldFor: "1h" });
    if (!reset.ok) throw new Error("reset failed");
    expect((await scan([match(old)])).body).toEqual([{ token_raw: old, token_type: "hub_api_token", label: "true_positive" }]);
    expect((await forms(reset.data.token)).status).toBe(401);
  });

  it("revokes every match of a batch, one described like a secret among them", async () => {
    await createTestEndpoint(receiver.url);
    const shaped = await issued("verify whsec_ header");
    const plain = await issued();
    const answer = await scan([match(shaped.token), match(plain.token)]);
    expect(answer.body).toEqual([shaped, plain].map((t) => ({ token_raw: t.token, token_type: "hub_api_token", label: "true_positive" })));
    for (const { tokenId } of [shaped, plain]) expect((await getToken(admin.account.accountId, tokenId))!.status).toBe("revoked");
  });

  it("keeps only web addresses as where a token was found", async () => {
    const { tokenId, token } = await issued();
    await scan([match(token, "javascript:alert(1)")]);
    expect(await getToken(admin.account.accountId, tokenId)).toMatchObject({ status: "revoked", exposedUrl: null });
  });

  it("refuses a signed body that is not a list of matches (400)", async () => {
    const answer = await scan({ token: "x" });
    expect(answer.status).toBe(400);
    expect(answer.body.error!.code).toBe("invalid_request");
  });
});

describe("SECRET_SCANNING_PUBLIC_KEYS", () => {
  it("reads GitHub's published document and refuses anything else with a clear message", () => {
    expect(parseScanningKeys(undefined)).toBeNull();
    expect(parseScanningKeys(process.env.SECRET_SCANNING_PUBLIC_KEYS)!.has("test-key-1")).toBe(true);
    expect(() => parseScanningKeys("not json")).toThrow(/JSON document GitHub publishes/);
    expect(() => parseScanningKeys('{"public_keys":[]}')).toThrow(/at least one key/);
    expect(() => parseScanningKeys('{"public_keys":[{"key_identifier":"k","key":"-----BEGIN PUBLIC KEY-----\\nAAAA\\n-----END PUBLIC KEY-----"}]}')).toThrow(
      /k is not a readable PEM public key/,
    );
  });
});
