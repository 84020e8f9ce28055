import { randomBytes } from "node:crypto";
import { appendFileSync, existsSync, readFileSync } from "node:fs";
import { PHASE_DEVELOPMENT_SERVER } from "next/constants.js";

/**
 * First `npm run dev` on a fresh clone: generate AUTH_SECRET into the git-ignored .env.local,
 * so the newcomer's two commands work. Production never gets one made up: it refuses to start.
 */
function ensureDevAuthSecret() {
  if (process.env.AUTH_SECRET) return;
  const file = ".env.local";
  const existing = existsSync(file) ? readFileSync(file, "utf8") : "";
  const found = existing.match(/^AUTH_SECRET=(.+)$/m);
  const secret = found?.[1] ?? randomBytes(32).toString("base64url");
  if (!found) appendFileSync(file, `${existing && !existing.endsWith("\n") ? "\n" : ""}AUTH_SECRET=${secret}\n`);
  process.env.AUTH_SECRET = secret;
}

/** @type {(phase: string) => import("next").NextConfig} */
export default function nextConfig(phase) {
  if (phase === PHASE_DEVELOPMENT_SERVER) ensureDevAuthSecret();
  return {
    reactStrictMode: true,
    poweredByHeader: false,
    // Playwright and screenshots reach the dev server as 127.0.0.1 as well as localhost.
    allowedDevOrigins: ["127.0.0.1"],
    // Native and wasm packages load from node_modules at run time instead of being bundled.
    serverExternalPackages: ["@electric-sql/pglite", "@node-rs/argon2", "pino"],
    // The embedded database's live files must never be traced into a build.
    outputFileTracingExcludes: { "*": [".data/**"] },
  };
}
