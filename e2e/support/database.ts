import { createHash } from "node:crypto";
import postgres from "postgres";

/**
 * A direct look at the stored hash, for the reset journey (until the API can answer it).
 * Only with a real server: the embedded database belongs to the app process alone.
 */
export const canReadDatabase = Boolean(process.env.DATABASE_URL);

export async function tokenHashStored(token: string): Promise<boolean> {
  const sql = postgres(process.env.DATABASE_URL!, { max: 1 });
  try {
    const hash = createHash("sha256").update(token).digest("hex");
    const rows = await sql`select 1 from api_tokens where secret_hash = ${hash} and status = 'active'`;
    return rows.length === 1;
  } finally {
    await sql.end();
  }
}
