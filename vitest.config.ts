import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL(".", import.meta.url));

export default defineConfig({
  resolve: {
    alias: {
      "@/": root,
      "server-only": `${root}test/empty.ts`,
    },
  },
  test: {
    include: ["{lib,db,components,app,test}/**/*.test.{ts,tsx}"],
    environment: "node",
    globalSetup: ["test/global-setup.ts"],
    // Each file gets its own in-memory PGlite when DATABASE_URL is unset.
    // Test receivers listen on 127.0.0.1: the one relaxation of the webhooks' outbound policy.
    env: { LOG_LEVEL: "silent", WEBHOOKS_ALLOW_LOOPBACK: "true", ...(process.env.DATABASE_URL ? {} : { PGLITE_DIR: "memory://" }) },
    pool: "forks",
    // next-auth imports "next/server" without an extension: let Vite resolve it.
    server: { deps: { inline: ["next-auth"] } },
    testTimeout: 60_000,
    hookTimeout: 180_000,
  },
});
