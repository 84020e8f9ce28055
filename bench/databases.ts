import postgres from "postgres";
import { closeDb } from "@/db";
import { assertLocalDatabase } from "@/test/local-database";

/** `base` with its database name replaced. */
export function databaseUrl(base: string, name: string): string {
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Drops and creates `name` on the server of `base` (local servers only), optionally as a copy. */
export async function recreateDatabase(base: string, name: string, template?: string): Promise<string> {
  assertLocalDatabase(base);
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.unsafe(`create database ${name}${template ? ` template ${template}` : ""}`);
  } finally {
    await admin.end();
  }
  return databaseUrl(base, name);
}

/** Runs `work` with the process's database handle (getDb) on `url`, then closes that handle. */
export async function usingDatabase<T>(url: string, work: () => Promise<T>): Promise<T> {
  const previous = process.env.DATABASE_URL;
  await closeDb();
  process.env.DATABASE_URL = url;
  try {
    return await work();
  } finally {
    await closeDb();
    process.env.DATABASE_URL = previous;
  }
}
