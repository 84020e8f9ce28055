import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { accounts, apiTokens, type TokenFieldChange } from "@/db/tables";
import { byUser, recordChange, type Actor } from "@/lib/changes/record-change";
import { stricterLifetime } from "../policy";
import { holdsSlot } from "../queries";
import type { EditableTokenSettings, TokenSettings } from "../schema";
import type { IssuedSecret } from "../secret";
import { lockActiveToken, TARGET } from "./lock";

export type CreateOutcome =
  | { ok: true; tokenId: string }
  | { ok: false; max: number; fieldErrors?: undefined }
  | { ok: false; fieldErrors: Record<string, string> };

/** When the token expires under the account's policy (read from the locked row), or why not. */
export type ExpiryRule = (maxLifetimeDays: number | null) => { ok: true; expiresAt: Date | null } | { ok: false; fieldErrors: Record<string, string> };

/** Inserts a token unless the account is at its cap; the new token starts at the account's rate ceiling. */
export async function insertTokenWithinCap(
  actor: Actor,
  settings: TokenSettings,
  secret: IssuedSecret,
  expiry: ExpiryRule = () => ({ ok: true, expiresAt: null }),
  now = new Date(),
): Promise<CreateOutcome> {
  return getDb().transaction(async (tx) => {
    // Invariant: never more than maxActiveTokens live (active, unexpired) tokens. Locking the
    // account row makes concurrent creates for one account wait for each other's count.
    const [account] = await tx
      .select({ max: accounts.maxActiveTokens, ceiling: accounts.rateLimitCeiling, lifetimeCeiling: accounts.maxTokenLifetimeDays, policy: accounts.policyMaxLifetimeDays })
      .from(accounts)
      .where(eq(accounts.id, actor.accountId))
      .for("update");
    if (!account) return { ok: false, max: 0 };
    // The stricter of the operator's ceiling and the account's own policy.
    const expires = expiry(stricterLifetime(account.lifetimeCeiling, account.policy));
    if (!expires.ok) return expires;
    const [{ active }] = (await tx
      .select({ active: sql<number>`count(*)::int` })
      .from(apiTokens)
      .where(holdsSlot(actor.accountId, now))) as [{ active: number }];
    if (active >= account.max) return { ok: false, max: account.max };

    const [token] = await tx
      .insert(apiTokens)
      .values({
        accountId: actor.accountId,
        type: settings.type,
        description: settings.description,
        secretHash: secret.hash,
        displayPrefix: secret.displayPrefix,
        rateLimit: account.ceiling,
        exposedAttributes: settings.exposedAttributes,
        linkingAttribute: settings.linkingAttribute,
        ipAllowList: settings.ipAllowList,
        scopes: settings.scopes,
        purpose: settings.purpose,
        dailyProfileLimit: settings.dailyProfileLimit,
        expiresAt: expires.expiresAt,
        createdById: actor.id,
      })
      .returning(TARGET);
    // Recorded in the same transaction: no webhook for a token that was never created, and on
    // commit every instance forgets the hashes it was told do not exist.
    await recordChange(tx, { kind: "token.created", actor: byUser(actor), target: token!, details: { expires_at: expires.expiresAt?.toISOString() ?? null } });
    return { ok: true, tokenId: token!.id };
  });
}

/**
 * Applies an edit to an active token and records which fields changed, computed against the
 * row as locked in this transaction so concurrent edits each log what they really changed.
 */
export async function applyTokenEdit(
  actor: Actor,
  tokenId: string,
  next: EditableTokenSettings,
  diff: (before: EditableTokenSettings) => TokenFieldChange[],
): Promise<"updated" | "unchanged" | "missing"> {
  return getDb().transaction(async (tx) => {
    const current = await lockActiveToken(tx, actor.accountId, tokenId, {
      ...TARGET,
      exposedAttributes: apiTokens.exposedAttributes,
      linkingAttribute: apiTokens.linkingAttribute,
      ipAllowList: apiTokens.ipAllowList,
      rateLimit: apiTokens.rateLimit,
      purpose: apiTokens.purpose,
      dailyProfileLimit: apiTokens.dailyProfileLimit,
    });
    if (!current) return "missing";
    const changes = diff(current);
    if (changes.length === 0) return "unchanged";
    await tx
      .update(apiTokens)
      .set({ ...next, updatedAt: new Date() })
      .where(and(eq(apiTokens.id, tokenId), eq(apiTokens.accountId, actor.accountId)));
    const { id, accountId, type, displayPrefix } = current;
    const target = { id, accountId, type, displayPrefix, description: next.description, scopes: next.scopes };
    await recordChange(tx, { kind: "token.updated", actor: byUser(actor), target, changes });
    return "updated";
  });
}
