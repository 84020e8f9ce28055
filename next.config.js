/**
 * Next.js runs inside lib/server/start.ts (`npm run dev`, `npm start`), which has already loaded
 * the .env files and, on a development machine, made sure of an AUTH_SECRET.
 * @type {import("next").NextConfig}
 */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Playwright and screenshots reach the dev server as 127.0.0.1 as well as localhost.
  allowedDevOrigins: ["127.0.0.1"],
  // Native and wasm packages load from node_modules at run time instead of being bundled.
  serverExternalPackages: ["@electric-sql/pglite", "@node-rs/argon2", "pino"],
  // The embedded database's live files must never be traced into a build.
  outputFileTracingExcludes: { "*": [".data/**"] },
  logging: {
    // `next dev` would print every server action's arguments, sign-in passwords included.
    serverFunctions: false,
  },
};

export default nextConfig;
