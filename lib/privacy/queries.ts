import { and, desc, eq, gte, inArray, lt, or, sql, type SQL } from "drizzle-orm";
import { getDb } from "@/db";
import { apiTokens, profileAccessLog } from "@/db/tables";
import type { AccessOutcome } from "@/lib/governance/queries";
import type { TimeCursor } from "@/lib/keyset";

// Customer data access (PRODUCT.md §11): one customer's rows across every token of the account,
// read through profile_access_log_account_value (account_id, value_hash, at desc). Always
// filtered by the account id: another account's rows never match, whatever their hash.

/** The rows of one customer: any of the typed value's hashes, within the retention. */
export interface CustomerScope {
  accountId: string;
  valueHashes: string[];
  since: Date;
}

const matching = (scope: CustomerScope, ...more: (SQL | undefined)[]) =>
  and(eq(profileAccessLog.accountId, scope.accountId), inArray(profileAccessLog.valueHash, scope.valueHashes), gte(profileAccessLog.at, scope.since), ...more);

export interface TokenReadsRow {
  tokenId: string;
  description: string;
  purpose: string | null;
  reads: number;
  firstRead: Date | null;
  lastRead: Date | null;
  withheld: number;
}

/** Per token that read the customer or was refused them for lack of consent: counts and times (reads: outcome found). */
export async function readsByToken(scope: CustomerScope): Promise<TokenReadsRow[]> {
  const found = sql`${profileAccessLog.outcome} = 'found'`;
  const reads = sql<number>`coalesce(sum(${profileAccessLog.reads}) filter (where ${found}), 0)::int`;
  const withheld = sql<number>`coalesce(sum(${profileAccessLog.reads}) filter (where ${profileAccessLog.outcome} = 'withheld'), 0)::int`;
  const lastRead = sql<Date | null>`max(${profileAccessLog.at}) filter (where ${found})`;
  return getDb()
    .select({
      tokenId: profileAccessLog.tokenId,
      description: apiTokens.description,
      purpose: apiTokens.purpose,
      reads,
      firstRead: sql<Date | null>`min(${profileAccessLog.at}) filter (where ${found})`.mapWith(profileAccessLog.at),
      lastRead: lastRead.mapWith(profileAccessLog.at),
      withheld,
    })
    .from(profileAccessLog)
    .innerJoin(apiTokens, and(eq(apiTokens.id, profileAccessLog.tokenId), eq(apiTokens.accountId, profileAccessLog.accountId)))
    .where(matching(scope, inArray(profileAccessLog.outcome, ["found", "withheld"])))
    .groupBy(profileAccessLog.tokenId, apiTokens.description, apiTokens.purpose)
    .orderBy(sql`${lastRead} desc nulls last`, desc(withheld));
}

/** The distinct sets of attributes returned to each token (few per token: they change only when the token is edited). */
export async function returnedAttributeSets(scope: CustomerScope): Promise<{ tokenId: string; attributes: string[] }[]> {
  return getDb()
    .selectDistinct({ tokenId: profileAccessLog.tokenId, attributes: profileAccessLog.attributes })
    .from(profileAccessLog)
    .where(matching(scope, eq(profileAccessLog.outcome, "found")));
}

export interface CustomerAccessRow {
  id: number;
  at: Date;
  tokenId: string;
  description: string;
  purpose: string | null;
  ip: string | null;
  linkingAttribute: string;
  outcome: AccessOutcome;
  attributes: string[];
  reads: number;
}

/** The export: every row of the customer, newest first, a keyset batch at a time. */
export async function listCustomerAccess(scope: CustomerScope, after: TimeCursor | null, limit: number): Promise<CustomerAccessRow[]> {
  const page = after ? or(lt(profileAccessLog.at, after.at), and(eq(profileAccessLog.at, after.at), lt(profileAccessLog.id, after.id))) : undefined;
  return getDb()
    .select({
      id: profileAccessLog.id,
      at: profileAccessLog.at,
      tokenId: profileAccessLog.tokenId,
      description: apiTokens.description,
      purpose: apiTokens.purpose,
      ip: profileAccessLog.ip,
      linkingAttribute: profileAccessLog.linkingAttribute,
      outcome: profileAccessLog.outcome,
      attributes: profileAccessLog.attributes,
      reads: profileAccessLog.reads,
    })
    .from(profileAccessLog)
    .innerJoin(apiTokens, and(eq(apiTokens.id, profileAccessLog.tokenId), eq(apiTokens.accountId, profileAccessLog.accountId)))
    .where(matching(scope, page))
    .orderBy(desc(profileAccessLog.at), desc(profileAccessLog.id))
    .limit(limit);
}
