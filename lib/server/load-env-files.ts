/**
 * First thing `npm run dev` and `npm start` do, before any module reads the environment:
 * load `.env`, `.env.local` and friends the way Next.js does (so the database and Redis settings
 * in them count from the start, not only once Next has loaded), and on a development machine
 * make sure there is an AUTH_SECRET (generated once into the git-ignored .env.local).
 * Production never gets one made up: lib/env.ts refuses to start without it.
 */
import { randomBytes } from "node:crypto";
import { appendFileSync, existsSync, readFileSync } from "node:fs";
import nextEnv from "@next/env";
import { modeOf } from "@/lib/mode";

const mode = modeOf(process.env);
nextEnv.loadEnvConfig(process.cwd(), mode !== "production", { info: () => {}, error: console.error });

if (mode === "development" && !process.env.AUTH_SECRET) {
  const file = ".env.local";
  const existing = existsSync(file) ? readFileSync(file, "utf8") : "";
  const secret = randomBytes(32).toString("base64url");
  appendFileSync(file, `${existing && !existing.endsWith("\n") ? "\n" : ""}AUTH_SECRET=${secret}\n`);
  process.env.AUTH_SECRET = secret;
}
