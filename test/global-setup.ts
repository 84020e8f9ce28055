import { assertLocalDatabase } from "./local-database";

export default async function setup() {
  assertLocalDatabase();
  if (!process.env.DATABASE_URL) return;
  // Real Postgres: migrate once for every test file (files on PGlite migrate their own memory db).
  const { migrateDatabase } = await import("@/db/migrate");
  const { closeDb } = await import("@/db");
  await migrateDatabase();
  await closeDb();
}
