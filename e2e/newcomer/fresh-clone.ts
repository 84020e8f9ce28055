/**
 * The README's path, walked as a newcomer walks it: a fresh clone in a temporary folder, and
 * commands run with nothing of ours in the environment (no NODE_ENV, DATABASE_URL, REDIS_URL,
 * AUTH_SECRET). Only the committed tree is cloned: commit before running these tests.
 */
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import postgres from "postgres";
import { assertLocalDatabase } from "../../test/local-database";

const repository = fileURLToPath(new URL("../..", import.meta.url));

export interface FreshClone {
  dir: string;
  remove: () => void;
}

export function freshClone(): FreshClone {
  const dir = mkdtempSync(join(tmpdir(), "hub-newcomer-"));
  execFileSync("git", ["clone", "--quiet", repository, dir]);
  // NEWCOMER_REF checks the test against another commit (e.g. that it fails before a fix).
  if (process.env.NEWCOMER_REF) execFileSync("git", ["-C", dir, "checkout", "--quiet", process.env.NEWCOMER_REF]);
  // `npm install`'s result, reused: hard links to the installed node_modules (seconds, and
  // Turbopack refuses a symlink out of the project); a real offline install where links fail.
  try {
    execFileSync("cp", ["-al", join(repository, "node_modules"), join(dir, "node_modules")]);
  } catch {
    rmSync(join(dir, "node_modules"), { recursive: true, force: true });
    execFileSync("npm", ["ci", "--offline", "--no-audit", "--no-fund"], { cwd: dir, stdio: "ignore" });
  }
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * The Dockerfile's runtime stage, without Docker: a new folder holding only package.json, the
 * lock file and the paths its `COPY --from=build` lines name (taken from the built clone), then
 * the stage's own `npm ci --omit=dev`. No TypeScript tooling reaches it.
 */
export function productionCopy(clone: FreshClone): FreshClone {
  const dockerfile = readFileSync(join(clone.dir, "Dockerfile"), "utf8");
  const runtime = dockerfile.slice(dockerfile.indexOf("AS runtime"));
  const copied = [...runtime.matchAll(/^COPY --from=build (?:--chown=\S+ )?\/app\/(\S+) \.\/(\S+)$/gm)].map((m) => [m[1]!, m[2]!] as const);
  if (copied.length === 0) throw new Error("The Dockerfile's runtime stage copies nothing from the build");
  const dir = mkdtempSync(join(tmpdir(), "hub-production-"));
  for (const file of ["package.json", "package-lock.json"]) cpSync(join(clone.dir, file), join(dir, file));
  for (const [from, to] of copied) cpSync(join(clone.dir, from), join(dir, to), { recursive: true });
  execFileSync("npm", ["ci", "--omit=dev", "--prefer-offline", "--no-audit", "--no-fund"], { cwd: dir, stdio: "ignore", timeout: 600_000 });
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * What a new user's shell has: PATH and HOME. NEXT_TELEMETRY_DISABLED only keeps Next from
 * calling out of this offline machine; it changes nothing the app decides.
 */
export type Env = Record<string, string | undefined>;

export function cleanEnv(extra: Env = {}): Env {
  return { PATH: process.env.PATH, HOME: process.env.HOME, NEXT_TELEMETRY_DISABLED: "1", ...extra };
}

/** Runs an npm script in the clone and returns its output; throws with the output on failure. */
export function npm(clone: FreshClone, args: string[], env: Env, input?: string): string {
  try {
    return execFileSync("npm", args, { cwd: clone.dir, env: env as NodeJS.ProcessEnv, input, encoding: "utf8", stdio: ["pipe", "pipe", "pipe"], timeout: 600_000 });
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(`npm ${args.join(" ")} failed: ${e.message}\n${e.stdout ?? ""}\n${e.stderr ?? ""}`);
  }
}

/**
 * The production path's database: a new database on the local server of DATABASE_URL (CI's
 * Postgres), else the clone's own embedded one (`.data/pglite`, fresh with the clone).
 */
export async function productionDatabase(clone: FreshClone): Promise<{ env: Record<string, string>; drop: () => Promise<void> }> {
  const base = process.env.DATABASE_URL;
  if (!base) {
    if (existsSync(join(clone.dir, ".data"))) rmSync(join(clone.dir, ".data"), { recursive: true });
    // Production runs on the embedded database only when told to by name.
    return { env: { HUB_EMBEDDED_DATABASE: "allow" }, drop: async () => {} };
  }
  assertLocalDatabase(base);
  const name = `hub_newcomer_${randomBytes(4).toString("hex")}`;
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    env: { DATABASE_URL: url.toString() },
    drop: async () => {
      const sql = postgres(base, { max: 1, onnotice: () => {} });
      await sql.unsafe(`drop database if exists ${name} with (force)`);
      await sql.end();
    },
  };
}
