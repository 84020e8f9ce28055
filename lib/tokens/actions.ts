"use server";

import { done, refuse, type ActionResult } from "@/lib/action-result";
import { can, canWriteToken } from "@/lib/auth/permissions";
import type { CurrentUser } from "@/lib/auth/session";
import { clock } from "@/lib/clock";
import { serverAction } from "@/lib/server-action";
import { capMessage } from "./cap";
import { resolveExpiry, shortenExpirySchema, type ShortenExpiryInput } from "./expiry";
import { diffSettings } from "./settings-diff";
import { getToken, getTokenAllowance, identifiesProfile, listAttributes, unknownAttributeKeys } from "./queries";
import { applyTokenEdit, insertTokenWithinCap } from "./write/create-and-edit";
import { markTokenRevoked, rotateTokenSecret, shortenTokenExpiry, stopOldSecret } from "./write/lifecycle";
import { markTokenPaused, markTokenResumed } from "./write/pause";
import { overlapChoice, resetTokenSchema, type ResetTokenInput } from "./rotation";
import { createTokenSchema, updateTokenSchema, type CreateTokenInput, type UpdateTokenInput } from "./schema";
import { generateToken } from "./secret";

// Every action below is a public POST endpoint, run by serverAction: the user first, the account
// from the session, never from input, and an outage read as a clear message in the form. A
// token is found within the account before the permission over it is checked (a Profile Read
// token's rules are not a marketer's). The plaintext token exists only in the result of
// createToken and resetToken.

const NOT_FOUND = "This API token does not exist or has been removed.";
const REVOKED = "This API token has been revoked and can no longer be changed.";
const NO_OLD_TOKEN = "The old token has already stopped working.";
const EXPIRED = "This API token has expired and can no longer be changed.";
const TOKEN_PAGES = "/manage/integrations";

/** Why a token can no longer change: revoked, or past its expiry by the clock; null while live. */
function finished(token: { status: string; expiresAt: Date | null }): string | null {
  if (token.status !== "active") return REVOKED;
  return token.expiresAt && token.expiresAt.getTime() <= clock.now() ? EXPIRED : null;
}

/** The stored scopes, purpose and daily limit, as an edit's input would carry them. */
const storedSettings = (token: { scopes: string[]; purpose: string | null; dailyProfileLimit: number | null }) => ({
  scopes: token.scopes,
  purpose: token.purpose ?? undefined,
  dailyProfileLimit: token.dailyProfileLimit ?? undefined,
});

/** The token named by the caller, within the user's account only. */
const tokenOf = (tokenId: string) => (user: CurrentUser) => getToken(user.accountId, String(tokenId));

async function attributeErrors(accountId: string, exposed: string[], linking: string | null) {
  const unknown = new Set(await unknownAttributeKeys(accountId, [...exposed, linking ?? ""]));
  const errors: Record<string, string> = {};
  if (exposed.some((k) => unknown.has(k))) errors.exposedAttributes = "Choose attributes from your catalogue";
  if (linking && unknown.has(linking)) errors.linkingAttribute = "Choose an attribute from your catalogue";
  // A lookup must name one person: only identifying attributes may link.
  else if (linking && !(await identifiesProfile(accountId, linking))) {
    errors.linkingAttribute = "Choose an attribute that identifies one profile, such as Email or Customer ID";
  }
  return Object.keys(errors).length ? errors : null;
}

export async function createToken(input: CreateTokenInput): Promise<ActionResult<{ tokenId: string; token: string }>> {
  return serverAction("createToken", {
    parse: () => createTokenSchema.safeParse(input),
    run: async ({ user, input: settings, actor }) => {
      // The type is the caller's choice, so its permission is checked once the input is read.
      if (!canWriteToken(user, settings.type)) {
        return { ok: false, fieldErrors: { type: "Only admins can create Profile Read tokens" } };
      }
      const attrErrors = await attributeErrors(user.accountId, settings.exposedAttributes, settings.linkingAttribute);
      if (attrErrors) return { ok: false, fieldErrors: attrErrors };

      const now = clock.now();
      const expiry = (maxDays: number | null) => resolveExpiry(settings.expires, settings.expiresOn, now, maxDays);
      const secret = generateToken(settings.type);
      const outcome = await insertTokenWithinCap(await actor(), settings, secret, expiry, new Date(now));
      if (!outcome.ok) return outcome.fieldErrors ? { ok: false, fieldErrors: outcome.fieldErrors } : refuse(capMessage(outcome.max));
      return { ok: true, data: { tokenId: outcome.tokenId, token: secret.token } };
    },
    refresh: TOKEN_PAGES,
  });
}

export async function updateToken(tokenId: string, input: UpdateTokenInput): Promise<ActionResult> {
  return serverAction("updateToken", {
    load: tokenOf(tokenId),
    missing: NOT_FOUND,
    check: (token, user) => (canWriteToken(user, token.type) ? finished(token) : "Only admins can change Profile Read tokens."),
    // The stored type decides the rules; the form's copy of it is not trusted. A setting the
    // input leaves out keeps its stored value (never a default that would widen the token).
    parse: (token) => updateTokenSchema.safeParse({ ...storedSettings(token), ...(input as object), type: token.type }),
    run: async ({ user, loaded: token, input: { type: _type, ...next }, actor }) => {
      if (next.rateLimit !== token.rateLimit && !can(user, "tokens:set-rate-limit")) {
        return { ok: false, fieldErrors: { rateLimit: "Only admins can change the rate limit." } };
      }
      const { rateLimitCeiling } = await getTokenAllowance(user.accountId);
      if (next.rateLimit > rateLimitCeiling && next.rateLimit !== token.rateLimit) {
        return {
          ok: false,
          fieldErrors: {
            rateLimit: `Your account allows up to ${rateLimitCeiling} requests per minute. Contact your Success Manager to raise it.`,
          },
        };
      }
      const attrErrors = await attributeErrors(user.accountId, next.exposedAttributes, next.linkingAttribute);
      if (attrErrors) return { ok: false, fieldErrors: attrErrors };

      const names = new Map((await listAttributes(user.accountId)).map((a) => [a.key, a.displayName]));
      const outcome = await applyTokenEdit(await actor(), token.id, next, (before) =>
        diffSettings(before, next, (key) => names.get(key) ?? key),
      );
      return outcome === "missing" ? refuse(REVOKED) : done();
    },
    refresh: TOKEN_PAGES,
  });
}

/** Without `input`, or with "No, stop it now", the old secret stops at once, as a reset always did. */
export async function resetToken(tokenId: string, input: ResetTokenInput = {}): Promise<ActionResult<{ token: string }>> {
  return serverAction("resetToken", {
    load: tokenOf(tokenId),
    missing: NOT_FOUND,
    check: (token, user) => (can(user, "tokens:reset") ? finished(token) : "Only admins can reset API tokens."),
    parse: () => resetTokenSchema.safeParse(input ?? {}),
    run: async ({ loaded: token, input: { keepOldFor }, actor }) => {
      const { ms, label } = overlapChoice(keepOldFor);
      const secret = generateToken(token.type);
      const rotation = { secret, overlapMs: ms, overlapLabel: label, now: new Date(clock.now()) };
      const rotated = await rotateTokenSecret(await actor(), token.id, rotation);
      return rotated ? { ok: true, data: { token: secret.token } } : refuse(REVOKED);
    },
    refresh: TOKEN_PAGES,
  });
}

/** "Stop old token now": the old secret of a running overlap stops on every instance at once. */
export async function stopOldToken(tokenId: string): Promise<ActionResult> {
  return serverAction("stopOldToken", {
    load: tokenOf(tokenId),
    missing: NOT_FOUND,
    check: (_token, user) => (can(user, "tokens:reset") ? null : "Only admins can stop the old token."),
    run: async ({ loaded: token, actor }) =>
      (await stopOldSecret(await actor(), token.id, new Date(clock.now()))) ? done() : refuse(NO_OLD_TOKEN),
    refresh: TOKEN_PAGES,
  });
}

export async function revokeToken(tokenId: string): Promise<ActionResult> {
  const already = "This API token is already revoked.";
  return serverAction("revokeToken", {
    load: tokenOf(tokenId),
    missing: NOT_FOUND,
    check: (token, user) => (!can(user, "tokens:revoke") ? "Only admins can revoke API tokens." : token.status !== "active" ? already : null),
    run: async ({ loaded: token, actor }) =>
      (await markTokenRevoked(await actor(), token.id, new Date(clock.now()))) ? done() : refuse(already),
    refresh: TOKEN_PAGES,
  });
}

/** Details: an admin moves the expiry earlier, within the account's maximum; never later. */
export async function shortenExpiry(tokenId: string, input: ShortenExpiryInput): Promise<ActionResult> {
  return serverAction("shortenExpiry", {
    load: tokenOf(tokenId),
    missing: NOT_FOUND,
    check: (token, user) => (can(user, "tokens:set-expiry") ? finished(token) : "Only admins can change when a token expires."),
    parse: () => shortenExpirySchema.safeParse(input),
    run: async ({ user, loaded: token, input: { expiresOn }, actor }) => {
      const now = clock.now();
      const { maxLifetimeDays } = await getTokenAllowance(user.accountId);
      const expiry = resolveExpiry("custom", expiresOn, now, maxLifetimeDays);
      if (!expiry.ok) return { ok: false, fieldErrors: expiry.fieldErrors };
      const earlier = { ok: false as const, fieldErrors: { expiresOn: "Choose a date before the current expiry: it can only be shortened" } };
      if (token.expiresAt && expiry.expiresAt!.getTime() >= token.expiresAt.getTime()) return earlier;
      return (await shortenTokenExpiry(await actor(), token.id, expiry.expiresAt!, new Date(now))) ? done() : earlier;
    },
    refresh: TOKEN_PAGES,
  });
}

/** "Pause API Token": refused like a revoked token until resumed; it keeps its settings, secret and slot. */
export async function pauseToken(tokenId: string): Promise<ActionResult> {
  const already = "This API token is already paused.";
  return serverAction("pauseToken", {
    load: tokenOf(tokenId),
    missing: NOT_FOUND,
    check: (token, user) => (!can(user, "tokens:pause") ? "Only admins can pause API tokens." : (finished(token) ?? (token.pausedAt ? already : null))),
    run: async ({ loaded: token, actor }) => ((await markTokenPaused(await actor(), token.id, new Date(clock.now()))) ? done() : refuse(already)),
    refresh: TOKEN_PAGES,
  });
}

/** "Resume API Token": the token works again at once, on every instance. */
export async function resumeToken(tokenId: string): Promise<ActionResult> {
  const notPaused = "This API token is not paused.";
  return serverAction("resumeToken", {
    load: tokenOf(tokenId),
    missing: NOT_FOUND,
    check: (token, user) => (!can(user, "tokens:pause") ? "Only admins can resume API tokens." : (finished(token) ?? (token.pausedAt ? null : notPaused))),
    run: async ({ loaded: token, actor }) => ((await markTokenResumed(await actor(), token.id, new Date(clock.now()))) ? done() : refuse(notPaused)),
    refresh: TOKEN_PAGES,
  });
}
