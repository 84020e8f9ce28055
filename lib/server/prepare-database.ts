import { getDb } from "@/db";
import { migrateDatabase } from "@/db/migrate";
import { DEMO_PASSWORD, seedDemoData } from "@/lib/demo";
import { hashPassword } from "@/lib/auth/password";
import { env } from "@/lib/env";

/** Seeds the demo accounts. Production needs an explicit password: no well-known one there. */
export async function seedDemoAccounts(): Promise<string[]> {
  const password = env.mode === "production" ? env.HUB_DEMO_PASSWORD : DEMO_PASSWORD;
  if (!password || password.length < 12) {
    throw new Error("In production the seed needs HUB_DEMO_PASSWORD (12 characters or more).");
  }
  return seedDemoData(getDb(), { passwordHash: await hashPassword(password) });
}

/** Start-up: migrations always; demo data on an empty database in development. */
export async function prepareDatabase(): Promise<{ demoCreated: string[] }> {
  await migrateDatabase();
  if (env.mode !== "development") return { demoCreated: [] };
  return { demoCreated: await seedDemoAccounts() };
}
