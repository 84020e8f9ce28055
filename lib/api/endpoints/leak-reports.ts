import { clock } from "@/lib/clock";
import { env } from "@/lib/env";
import { revokeLeakedTokens } from "@/lib/tokens/write/exposure";
import { hashToken, parseToken } from "@/lib/tokens/secret";
import { z } from "@/lib/zod";
import { apiError } from "../http/errors";
import { parseJsonBody } from "../http/input";
import { verifiesScanningSignature, type ScanningKeys } from "@/lib/secret-scanning-keys";
import type { ApiRequest, ApiResponse } from "../http/types";

// The two ways a leaked token is reported, both without a token: anyone who finds one posts it
// to /api/v1/tokens/revoke; GitHub's secret scanning posts what it finds, signed. Either way the
// token is revoked at once as "reported as leaked" (lib/tokens/write/exposure.ts).

export const MAX_REPORTED_TOKENS = 100;
/** Reports one client IP may send a minute (counted before the body is read: http/routes.ts). */
export const REVOKE_REPORTS_PER_MINUTE = 30;
/** GitHub sends batches from a few addresses: a higher bound per IP, and the signature decides the rest. */
export const GITHUB_SCANS_PER_MINUTE = 600;
/** A Hub token is 46 characters; anything much longer is not one, and is refused as a mistake. */
const MAX_CANDIDATE_LENGTH = 256;

export const revokeRequestSchema = z.object({
  tokens: z
    .array(z.string().max(MAX_CANDIDATE_LENGTH, `Each token may be at most ${MAX_CANDIDATE_LENGTH} characters`), {
      error: "tokens must be an array of strings",
    })
    .max(MAX_REPORTED_TOKENS, `Send at most ${MAX_REPORTED_TOKENS} tokens at once`),
});

/**
 * POST /api/v1/tokens/revoke. The answer is the same 202 whatever the tokens were, so it is no
 * oracle for which exist: every candidate is hashed and looked up in one statement, found or
 * not, and the count echoed is of what was sent. Only a malformed body is refused (400).
 * A live token adds its revocation's writes (a few ms) before the answer: that can tell only
 * that a token, now dead, was alive; guessing live ones among 62^32 is hopeless either way.
 */
export async function reportLeakedTokens(request: ApiRequest): Promise<ApiResponse> {
  const parsed = revokeRequestSchema.safeParse(await request.readJson({ anyContentType: true }));
  if (!parsed.success) return apiError("invalid_request", parsed.error.issues.map((i) => i.message).join("; "));
  const { tokens } = parsed.data;
  await revokeLeakedTokens(
    tokens.map((token) => ({ hash: hashToken(token.trim()), url: null })),
    { reporter: "Public report", ip: request.clientIp, now: new Date(clock.now()) },
  );
  return { status: 202, body: { data: { received: tokens.length } } };
}

/** GitHub batches matches; a batch bigger than this is refused (413) before its signature is checked. */
export const MAX_SCANNING_BODY_BYTES = 256 * 1024;
export const MAX_SCANNING_MATCHES = 1_000;

export const scanningMatchesSchema = z
  .array(
    z.object({
      token: z.string().max(MAX_CANDIDATE_LENGTH),
      type: z.string().max(200),
      url: z.string().max(2_000).optional(),
      source: z.string().max(200).optional(),
    }),
  )
  .max(MAX_SCANNING_MATCHES, `At most ${MAX_SCANNING_MATCHES} matches per request`);

/** Only web addresses are kept as where a token was found: the console links to them. */
const webAddress = (url: string | undefined) => (url && /^https?:\/\/\S+$/i.test(url.trim()) ? url.trim() : null);

/**
 * POST /api/v1/secret-scanning/github, GitHub's secret-scanning partner format. The signature
 * is checked over the raw body before anything is parsed; unsigned, badly signed or signed by
 * an unknown key answers 401. Signed, it answers per match, which is safe: only GitHub can ask.
 */
export async function receiveGitHubScan(request: ApiRequest, keys: ScanningKeys | null = env.secretScanningKeys): Promise<ApiResponse> {
  if (!keys) return apiError("not_found", "Secret scanning is not configured on this server.");
  const raw = await request.readRaw({ maxBytes: MAX_SCANNING_BODY_BYTES });
  const signed = verifiesScanningSignature(keys, request.header("github-public-key-identifier"), request.header("github-public-key-signature"), raw);
  if (!signed) return apiError("invalid_signature");
  const parsed = scanningMatchesSchema.safeParse(parseJsonBody(raw.toString("utf8")));
  if (!parsed.success) return apiError("invalid_request", parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
  // A string that fails the checksum cannot be a Hub token: labelled without asking the database.
  const matches = parsed.data.map((m) => {
    const token = m.token.trim();
    return { ...m, token, hash: parseToken(token) ? hashToken(token) : null };
  });
  const candidates = matches.flatMap((m) => (m.hash ? [{ hash: m.hash, url: webAddress(m.url) }] : []));
  const revoked = await revokeLeakedTokens(candidates, { reporter: "GitHub secret scanning", ip: request.clientIp, now: new Date(clock.now()) });
  return {
    status: 200,
    body: matches.map((m) => ({
      token_raw: m.token,
      token_type: m.type,
      label: m.hash && revoked.has(m.hash) ? "true_positive" : "false_positive",
    })),
  };
}
