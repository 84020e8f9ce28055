import { afterAll, beforeAll } from "vitest";
import { closeDb } from "@/db";
import { migrateDatabase } from "@/db/migrate";

export { createTestAccount, type TestAccount, type TestUser } from "./accounts";

/**
 * Integration tests: a migrated database for this file (in-memory PGlite, or the real Postgres
 * of DATABASE_URL), closed when the file ends.
 */
export function withTestDatabase() {
  beforeAll(async () => {
    await migrateDatabase();
  }, 180_000);
  afterAll(async () => {
    await closeDb();
  });
}
