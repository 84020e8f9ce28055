import type { ApiToken } from "@/lib/tokens/api-token";

/** Which of a token's secrets was presented: its current one, or the old one of an overlap. */
export type SecretInUse = "current" | "old";

/**
 * Which secret `hash` is, or null when it opens nothing at `now`: revoked, expired, or the old
 * secret of an overlap whose window has ended, or paused. Decided here, by time, on every request, so every
 * instance refuses at the same moment whatever its cache holds.
 */
export function secretInForce(token: ApiToken, hash: string | null, now: number): SecretInUse | null {
  // A paused token opens nothing until resumed: callers cannot tell it from a revoked one.
  if (token.status !== "active" || token.pausedAt || !hash) return null;
  if (token.expiresAt && now >= token.expiresAt.getTime()) return null;
  if (hash === token.secretHash) return "current";
  if (hash === token.oldSecretHash && token.oldSecretEndsAt && now < token.oldSecretEndsAt.getTime()) return "old";
  return null;
}

/**
 * What a response tells the client about its token's life: `Hub-Token-Expires`
 * when the token expires; for the old secret of an overlap, `Deprecation` (RFC 9745, the
 * reset's Unix time) and `Sunset` (RFC 8594, the HTTP-date the old secret stops).
 */
export function lifetimeHeaders(token: ApiToken, use: SecretInUse): Record<string, string> {
  const headers: Record<string, string> = {};
  if (token.expiresAt) headers["Hub-Token-Expires"] = token.expiresAt.toISOString();
  if (use === "old" && token.oldSecretEndsAt) {
    const reset = token.oldSecretDeprecatedAt ?? token.oldSecretEndsAt;
    headers.Deprecation = `@${Math.floor(reset.getTime() / 1000)}`;
    headers.Sunset = token.oldSecretEndsAt.toUTCString();
  }
  return headers;
}
