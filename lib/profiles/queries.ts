import { and, eq, or, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { profiles, type ProfileAttributes } from "@/db/schema";

/**
 * The profile whose `key` equals `value`, through the GIN index on attributes (containment),
 * whatever the attribute. Query strings are text; numbers and booleans are matched too.
 */
export async function findProfileByAttribute(accountId: string, key: string, value: string): Promise<ProfileAttributes | null> {
  const candidates: Array<string | number | boolean> = [value];
  if (/^-?\d+(\.\d+)?$/.test(value)) candidates.push(Number(value));
  if (value === "true" || value === "false") candidates.push(value === "true");
  const matches = candidates.map((candidate) => sql`${profiles.attributes} @> ${JSON.stringify({ [key]: candidate })}::jsonb`);
  const [row] = await getDb()
    .select({ attributes: profiles.attributes })
    .from(profiles)
    .where(and(eq(profiles.accountId, accountId), or(...matches)))
    .limit(1);
  return row?.attributes ?? null;
}
