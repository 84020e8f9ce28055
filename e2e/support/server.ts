/**
 * Playwright's web server: refuse a non-local database, start from a clean embedded database
 * (or the local Postgres), prepare demo and journey data, then serve the production build
 * (`npm run build`: Next's output and the server's JavaScript).
 */
import { spawn, spawnSync } from "node:child_process";
import { createWriteStream, mkdirSync, rmSync } from "node:fs";
import { assertLocalDatabase } from "../../test/local-database";
import { SERVER_LOG } from "./server-log";

assertLocalDatabase();
const env = { ...process.env };
if (!env.DATABASE_URL) {
  env.PGLITE_DIR = ".data/e2e-pglite";
  env.HUB_EMBEDDED_DATABASE = "allow";
  rmSync(env.PGLITE_DIR, { recursive: true, force: true });
}

const seed = spawnSync("npx", ["tsx", "e2e/support/prepare-db.ts"], {
  stdio: "inherit",
  env: { ...env, NODE_ENV: "test" },
});
if (seed.status !== 0) process.exit(seed.status ?? 1);

// Everything the server prints also goes to a file, which the secrets journey scans.
mkdirSync(".data", { recursive: true });
const logFile = createWriteStream(SERVER_LOG);
// The built server, as `npm start` runs it (`npm run test:e2e` builds first).
const server = spawn(process.execPath, ["--enable-source-maps", "dist/server/start.js"], {
  stdio: ["ignore", "pipe", "pipe"],
  // The webhooks journey's receiver listens on 127.0.0.1: production refuses loopback otherwise,
  // and refuses that test switch itself unless told it is under test.
  env: { ...env, NODE_ENV: "production", HOST: "127.0.0.1", PORT: env.E2E_PORT ?? "3100", WEBHOOKS_ALLOW_LOOPBACK: "true", HUB_TEST_SWITCHES: "allow" },
});
for (const stream of [server.stdout, server.stderr]) {
  stream.on("data", (chunk: Buffer) => {
    logFile.write(chunk);
    process.stdout.write(chunk);
  });
}
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
