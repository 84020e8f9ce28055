import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import drizzle from "eslint-plugin-drizzle";

const drizzleObjects = { drizzleObjectName: ["db", "tx", "getDb"] };
const zodImport = { name: "zod", message: "Import { z } from \"@/lib/zod\"." };
// Layers: db/ is the lowest and imports nothing from lib/; a domain never reaches up into the
// HTTP layer of /api/v1 or the server process (both import the domains, not the other way round).
const libImports = { group: ["@/lib/*", "**/lib/*"], message: "db/ is the lowest layer: it imports nothing from lib/." };
const upperLayers = {
  group: ["@/lib/api", "@/lib/api/*", "@/lib/server", "@/lib/server/*", "../api/*", "../server/*", "../../api/*", "../../server/*"],
  message: "A domain does not import lib/api/ or lib/server/: move what both need into the domain or a helper in lib/.",
};
const domains = ["accounts", "activity", "audit", "auth", "changes", "demo", "governance", "mail", "my-account", "notices", "privacy", "profiles", "team", "tokens", "webhooks"];

const config = [
  ...nextVitals,
  ...nextTs,
  {
    plugins: { drizzle },
    rules: {
      // A delete or update without a where clause is never what we meant.
      "drizzle/enforce-delete-with-where": ["error", drizzleObjects],
      "drizzle/enforce-update-with-where": ["error", drizzleObjects],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-console": ["error", { allow: ["info", "warn", "error"] }],
    },
  },
  {
    // Browser-reachable code takes zod from lib/zod.ts (configured for the CSP); the database
    // config, which never leaves the server, and that file itself import it directly.
    ignores: ["lib/zod.ts", "db/config.ts"],
    rules: { "no-restricted-imports": ["error", { paths: [zodImport] }] },
  },
  {
    files: ["db/**/*.ts"],
    ignores: ["db/config.ts"],
    rules: { "no-restricted-imports": ["error", { paths: [zodImport], patterns: [libImports] }] },
  },
  {
    files: ["db/config.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: [libImports] }] },
  },
  {
    files: domains.map((domain) => `lib/${domain}/**/*.{ts,tsx}`),
    rules: { "no-restricted-imports": ["error", { paths: [zodImport], patterns: [upperLayers] }] },
  },
  {
    // The environment is read through lib/env.ts, validated once; these files are what it builds
    // on (mode, database, log level) or what runs before it (the .env loader, the CLI's launcher).
    files: ["app/**", "components/**", "lib/**", "db/**", "proxy.ts"],
    ignores: ["lib/env.ts", "lib/mode.ts", "lib/log-level.ts", "db/config.ts", "lib/server/load-env-files.ts", "lib/cli/run.mjs", "**/*.test.{ts,tsx}"],
    rules: { "no-restricted-properties": ["error", { object: "process", property: "env", message: "Read the environment through lib/env.ts." }] },
  },
  {
    // Every spec takes `test` and `expect` from e2e/support/test.ts, whose fixture fails a test
    // on a browser console error, a hydration warning or an uncaught error.
    files: ["e2e/**/*.spec.ts", "e2e/**/*.setup.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { paths: [zodImport, { name: "@playwright/test", message: "Import { test, expect } from e2e/support/test.ts." }] },
      ],
    },
  },
  {
    files: ["lib/cli/**", "bench/**", "e2e/**"],
    rules: { "no-console": "off" },
  },
  {
    ignores: ["*.tmp.mjs", "**/*.tmp.ts", ".next/**", "dist/**", ".data/**", "node_modules/**", "db/migrations/**", "next-env.d.ts", "playwright-report/**", "test-results/**"],
  },
];

export default config;
