/**
 * Playwright's web server: refuse a non-local database, start from a clean embedded database
 * (or the local Postgres), prepare demo and journey data, then serve the production build.
 */
import { spawn, spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import { assertLocalDatabase } from "../../lib/testing/local-database";

assertLocalDatabase();
const env = { ...process.env };
if (!env.DATABASE_URL) {
  env.PGLITE_DIR = ".data/e2e-pglite";
  rmSync(env.PGLITE_DIR, { recursive: true, force: true });
}

const seed = spawnSync("npx", ["tsx", "e2e/support/prepare-db.ts"], {
  stdio: "inherit",
  env: { ...env, NODE_ENV: "test" },
});
if (seed.status !== 0) process.exit(seed.status ?? 1);

const server = spawn("npx", ["tsx", "lib/server/start.ts"], {
  stdio: "inherit",
  env: { ...env, NODE_ENV: "production", HOST: "127.0.0.1", PORT: env.E2E_PORT ?? "3100" },
});
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
