/**
 * `npm run bench`: the API hot path and the console pages, measured against a production build
 * and real Postgres (Redis too when REDIS_URL is set), in one run, reported as ratios to
 * ceilings measured in the same run. Bounded loads, 127.0.0.1 only. Prints a table and writes
 * .data/bench/<time>.json.
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import postgres from "postgres";
import { assertLocalDatabase } from "@/lib/testing/local-database";

async function freshBenchDatabase(): Promise<string> {
  const base = process.env.DATABASE_URL;
  if (!base) throw new Error("The benchmark needs a real Postgres: set DATABASE_URL (e.g. postgres://postgres:postgres@127.0.0.1:5432/postgres).");
  assertLocalDatabase(base);
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  await admin.unsafe("drop database if exists hub_bench with (force)");
  await admin.unsafe("create database hub_bench");
  await admin.end();
  const url = new URL(base);
  url.pathname = "/hub_bench";
  return url.toString();
}

async function main() {
  if (!existsSync(".next/BUILD_ID")) throw new Error("Build first: npm run build");
  process.env.DATABASE_URL = await freshBenchDatabase();
  const { runBench } = await import("./scenarios");
  const report = await runBench();
  mkdirSync(".data/bench", { recursive: true });
  const file = `.data/bench/${new Date().toISOString().replace(/[:.]/g, "-")}.json`;
  writeFileSync(file, JSON.stringify(report, null, 2));
  console.log(`\nJSON: ${file}`);
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
