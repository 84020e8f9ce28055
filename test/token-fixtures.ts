import { and, eq, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { apiTokens, tokenEvents } from "@/db/tables";
import type { CreateTokenInput } from "@/lib/tokens/schema";

export const activityInput = (overrides: Partial<CreateTokenInput> = {}): CreateTokenInput => ({
  type: "activity",
  description: "Reporting dashboard",
  exposedAttributes: [],
  linkingAttribute: "",
  ipAllowList: [],
  acceptTerms: true,
  ...overrides,
});

export const profileReadInput = (overrides: Partial<CreateTokenInput> = {}): CreateTokenInput => ({
  type: "profile_read",
  description: "Website personalisation",
  exposedAttributes: ["email", "first_name", "loyalty_tier"],
  linkingAttribute: "email",
  ipAllowList: [{ value: "203.0.113.0/24" }],
  acceptTerms: true,
  ...overrides,
});

/** Everything the database holds for an account's tokens, to prove a refusal wrote nothing. */
export async function tokenSnapshot(accountId: string) {
  const db = getDb();
  const tokens = await db.select().from(apiTokens).where(eq(apiTokens.accountId, accountId)).orderBy(apiTokens.id);
  const [events] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(tokenEvents)
    .where(eq(tokenEvents.accountId, accountId));
  return { tokens, events: events!.n };
}

export async function storedHash(tokenId: string) {
  const [row] = await getDb().select({ hash: apiTokens.secretHash }).from(apiTokens).where(and(eq(apiTokens.id, tokenId)));
  return row?.hash;
}
