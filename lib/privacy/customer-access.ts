import { clock } from "@/lib/clock";
import { accessLogRetentionDays } from "@/lib/governance/queries";
import { searchHashes } from "@/lib/governance/value-hash";
import { PROFILE_PURPOSES, type ProfilePurpose } from "@/lib/tokens/scopes";
import { readsByToken, returnedAttributeSets, type CustomerScope } from "./queries";

/** One token's dealings with the customer over the retention. */
export interface TokenRead {
  tokenId: string;
  description: string;
  /** The purpose's label, e.g. "Customer service". */
  purpose: string;
  /** Reads that returned the customer's data, and the first and last of them (null: none). */
  reads: number;
  firstRead: Date | null;
  lastRead: Date | null;
  /** Attribute keys returned, over every read. */
  attributes: string[];
  /** Lookups answered as missing: no consent for the token's purpose, so nothing was returned. */
  withheld: number;
}

export interface CustomerAccess {
  /** The account's access-log retention: how far back the answer looks. */
  days: number;
  tokens: TokenRead[];
}

export const purposeLabel = (purpose: string | null) => (purpose && purpose in PROFILE_PURPOSES ? PROFILE_PURPOSES[purpose as ProfilePurpose] : "—");

/**
 * Which rows are this customer's: the typed value hashed exactly as the access log hashes a
 * looked-up value (the account's key, and the old shared key for rows written before it). The
 * hash depends on the value alone, not on the linking attribute, so an email matches the rows of
 * every token that looked the customer up by that email, a customer ID those by that ID.
 */
export async function customerScope(accountId: string, typed: string): Promise<CustomerScope & { days: number }> {
  const days = await accessLogRetentionDays(accountId);
  // Rows past the retention wait for the daily job: left out, so the answer covers exactly `days`.
  return { accountId, valueHashes: searchHashes(accountId, typed), since: new Date(clock.now() - days * 86_400_000), days };
}

/** Every token of the account that read the customer (or was refused them for lack of consent), most recent reader first. */
export async function customerAccess(accountId: string, typed: string): Promise<CustomerAccess> {
  const scope = await customerScope(accountId, typed);
  const [tokens, attributeSets] = await Promise.all([readsByToken(scope), returnedAttributeSets(scope)]);
  const returned = new Map<string, Set<string>>();
  for (const { tokenId, attributes } of attributeSets) {
    const set = returned.get(tokenId) ?? returned.set(tokenId, new Set()).get(tokenId)!;
    for (const key of attributes) set.add(key);
  }
  return {
    days: scope.days,
    tokens: tokens.map((t) => ({ ...t, purpose: purposeLabel(t.purpose), attributes: [...(returned.get(t.tokenId) ?? [])].sort() })),
  };
}
