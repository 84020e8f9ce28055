/**
 * Tests write and delete data: they refuse any database that is not on this machine, so a
 * stray DATABASE_URL can never point them at a shared or production server.
 */
export function assertLocalDatabase(url: string | undefined = process.env.DATABASE_URL): void {
  if (!url) return; // embedded PGlite
  let host: string;
  try {
    host = new URL(url).hostname.replace(/^\[|\]$/g, "");
  } catch {
    throw new Error("DATABASE_URL is not a valid URL; refusing to run tests against it.");
  }
  if (!["localhost", "127.0.0.1", "::1"].includes(host)) {
    throw new Error(`Refusing to run tests against a non-local database (${host}). Point DATABASE_URL at localhost.`);
  }
}
