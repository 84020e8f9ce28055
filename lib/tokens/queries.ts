import "server-only";
import { eq } from "drizzle-orm";
import { getDb } from "@/db";
import { accounts } from "@/db/schema";

export async function getTokenAllowance(accountId: string): Promise<{ active: number; max: number }> {
  const [row] = await getDb()
    .select({ max: accounts.maxActiveTokens })
    .from(accounts)
    .where(eq(accounts.id, accountId));
  return { active: 0, max: row?.max ?? 0 };
}
