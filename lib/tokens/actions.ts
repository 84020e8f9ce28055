"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { answerUnexpected } from "@/lib/action-guard";
import { fieldErrorsOf, type ActionResult } from "@/lib/action-result";
import { can, canWriteToken } from "@/lib/auth/permissions";
import { requireUser, type CurrentUser } from "@/lib/auth/session";
import { requestIp } from "@/lib/request-ip";
import { clock } from "@/lib/clock";
import { capMessage } from "./cap";
import { resolveExpiry, shortenExpirySchema, type ShortenExpiryInput } from "./expiry";
import { diffSettings } from "./settings-diff";
import type { Actor } from "@/lib/changes/record-change";
import { getToken, getTokenAllowance, identifiesProfile, listAttributes, unknownAttributeKeys } from "./queries";
import { applyTokenEdit, insertTokenWithinCap } from "./write/create-and-edit";
import { markTokenRevoked, rotateTokenSecret, shortenTokenExpiry, stopOldSecret } from "./write/lifecycle";
import { overlapChoice, resetTokenSchema, type ResetTokenInput } from "./rotation";
import { createTokenSchema, updateTokenSchema, type CreateTokenInput, type UpdateTokenInput } from "./schema";
import { generateToken } from "./secret";

// Every action below is a public POST endpoint: each establishes the user first and takes the
// account from the session, never from its input; the rest runs in answerUnexpected, so an
// outage reads as a clear message in the form. The plaintext token exists only in the result
// of createToken and resetToken.

const NOT_FOUND = "This API token does not exist or has been removed.";
const REVOKED = "This API token has been revoked and can no longer be changed.";
const NO_OLD_TOKEN = "The old token has already stopped working.";
const EXPIRED = "This API token has expired and can no longer be changed.";

/** Why a token can no longer change: revoked, or past its expiry by the clock; null while live. */
function finished(token: { status: string; expiresAt: Date | null }): string | null {
  if (token.status !== "active") return REVOKED;
  return token.expiresAt && token.expiresAt.getTime() <= clock.now() ? EXPIRED : null;
}

async function actorFor(user: CurrentUser): Promise<Actor> {
  return { id: user.id, name: user.name, accountId: user.accountId, ip: requestIp(await headers()) };
}

function refreshTokenPages() {
  revalidatePath("/manage/integrations", "layout");
}

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
  const user = await requireUser();
  return answerUnexpected("createToken", async () => {
    const parsed = createTokenSchema.safeParse(input);
    if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error) };
    const settings = parsed.data;
    if (!canWriteToken(user, settings.type)) {
      return { ok: false, fieldErrors: { type: "Only admins can create Profile Read tokens" } };
    }
    const attrErrors = await attributeErrors(user.accountId, settings.exposedAttributes, settings.linkingAttribute);
    if (attrErrors) return { ok: false, fieldErrors: attrErrors };

    const now = clock.now();
    const expiry = (maxDays: number | null) => resolveExpiry(settings.expires, settings.expiresOn, now, maxDays);
    const secret = generateToken(settings.type);
    const outcome = await insertTokenWithinCap(await actorFor(user), settings, secret, expiry, new Date(now));
    if (!outcome.ok) return outcome.fieldErrors ? { ok: false, fieldErrors: outcome.fieldErrors } : { ok: false, formError: capMessage(outcome.max) };
    refreshTokenPages();
    return { ok: true, data: { tokenId: outcome.tokenId, token: secret.token } };
  });
}

export async function updateToken(tokenId: string, input: UpdateTokenInput): Promise<ActionResult> {
  const user = await requireUser();
  return answerUnexpected("updateToken", async () => {
    const token = await getToken(user.accountId, String(tokenId));
    if (!token) return { ok: false, formError: NOT_FOUND };
    if (!canWriteToken(user, token.type)) {
      return { ok: false, formError: "Only admins can change Profile Read tokens." };
    }
    const ended = finished(token);
    if (ended) return { ok: false, formError: ended };
    // The stored type decides the rules; the form's copy of it is not trusted.
    const parsed = updateTokenSchema.safeParse({ ...(input as object), type: token.type });
    if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error) };
    const { type: _type, ...next } = parsed.data;
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
    const outcome = await applyTokenEdit(await actorFor(user), token.id, next, (before) =>
      diffSettings(before, next, (key) => names.get(key) ?? key),
    );
    if (outcome === "missing") return { ok: false, formError: REVOKED };
    refreshTokenPages();
    return { ok: true, data: undefined };
  });
}

/** Without `input`, or with "No, stop it now", the old secret stops at once, as a reset always did. */
export async function resetToken(tokenId: string, input: ResetTokenInput = {}): Promise<ActionResult<{ token: string }>> {
  const user = await requireUser();
  return answerUnexpected("resetToken", async () => {
    const token = await getToken(user.accountId, String(tokenId));
    if (!token) return { ok: false, formError: NOT_FOUND };
    if (!can(user, "tokens:reset")) return { ok: false, formError: "Only admins can reset API tokens." };
    const ended = finished(token);
    if (ended) return { ok: false, formError: ended };
    const parsed = resetTokenSchema.safeParse(input ?? {});
    if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error) };

    const { ms, label } = overlapChoice(parsed.data.keepOldFor);
    const secret = generateToken(token.type);
    const rotation = { secret, overlapMs: ms, overlapLabel: label, now: new Date(clock.now()) };
    const rotated = await rotateTokenSecret(await actorFor(user), token.id, rotation);
    if (!rotated) return { ok: false, formError: REVOKED };
    refreshTokenPages();
    return { ok: true, data: { token: secret.token } };
  });
}

/** "Stop old token now": the old secret of a running overlap stops on every instance at once. */
export async function stopOldToken(tokenId: string): Promise<ActionResult> {
  const user = await requireUser();
  return answerUnexpected("stopOldToken", async () => {
    const token = await getToken(user.accountId, String(tokenId));
    if (!token) return { ok: false, formError: NOT_FOUND };
    if (!can(user, "tokens:reset")) return { ok: false, formError: "Only admins can stop the old token." };
    if (!(await stopOldSecret(await actorFor(user), token.id, new Date(clock.now())))) {
      return { ok: false, formError: NO_OLD_TOKEN };
    }
    refreshTokenPages();
    return { ok: true, data: undefined };
  });
}

export async function revokeToken(tokenId: string): Promise<ActionResult> {
  const user = await requireUser();
  return answerUnexpected("revokeToken", async () => {
    const token = await getToken(user.accountId, String(tokenId));
    if (!token) return { ok: false, formError: NOT_FOUND };
    if (!can(user, "tokens:revoke")) return { ok: false, formError: "Only admins can revoke API tokens." };
    if (token.status !== "active") return { ok: false, formError: "This API token is already revoked." };

    if (!(await markTokenRevoked(await actorFor(user), token.id, new Date(clock.now())))) {
      return { ok: false, formError: "This API token is already revoked." };
    }
    refreshTokenPages();
    return { ok: true, data: undefined };
  });
}

/** Details: an admin moves the expiry earlier, within the account's maximum; never later. */
export async function shortenExpiry(tokenId: string, input: ShortenExpiryInput): Promise<ActionResult> {
  const user = await requireUser();
  return answerUnexpected("shortenExpiry", async () => {
    const token = await getToken(user.accountId, String(tokenId));
    if (!token) return { ok: false, formError: NOT_FOUND };
    if (!can(user, "tokens:set-expiry")) return { ok: false, formError: "Only admins can change when a token expires." };
    const ended = finished(token);
    if (ended) return { ok: false, formError: ended };
    const parsed = shortenExpirySchema.safeParse(input);
    if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error) };
    const now = clock.now();
    const { maxLifetimeDays } = await getTokenAllowance(user.accountId);
    const expiry = resolveExpiry("custom", parsed.data.expiresOn, now, maxLifetimeDays);
    if (!expiry.ok) return { ok: false, fieldErrors: expiry.fieldErrors };
    const earlier = "Choose a date before the current expiry: it can only be shortened";
    if (token.expiresAt && expiry.expiresAt!.getTime() >= token.expiresAt.getTime()) return { ok: false, fieldErrors: { expiresOn: earlier } };
    if (!(await shortenTokenExpiry(await actorFor(user), token.id, expiry.expiresAt!, new Date(now)))) {
      return { ok: false, fieldErrors: { expiresOn: earlier } };
    }
    refreshTokenPages();
    return { ok: true, data: undefined };
  });
}
