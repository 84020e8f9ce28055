import { resolve } from "node:path";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import type { PgliteDatabase } from "drizzle-orm/pglite";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import { getDbHandle } from "./index";

const migrationsFolder = resolve(process.cwd(), "db/migrations");

/** Applies drizzle-kit's SQL migrations; safe to call from several app instances at once. */
export async function migrateDatabase(): Promise<void> {
  const handle = getDbHandle();
  if (handle.kind === "pglite") {
    await migratePglite(handle.db as unknown as PgliteDatabase, { migrationsFolder });
    return;
  }
  // Two instances starting together must not apply the same migration twice.
  const lock = await handle.sql.reserve();
  try {
    await lock`select pg_advisory_lock(hashtext('hub-migrations'))`;
    await migratePostgres(handle.db, { migrationsFolder });
  } finally {
    await lock`select pg_advisory_unlock(hashtext('hub-migrations'))`;
    lock.release();
  }
}
