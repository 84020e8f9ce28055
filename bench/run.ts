/**
 * `npm run bench`: the API hot path and the console pages, measured against a production build
 * and real Postgres (Redis too when REDIS_URL is set), in one run, reported as ratios to
 * ceilings measured in the same run. Bounded loads, 127.0.0.1 only. Prints a table and writes
 * .data/bench/<time>.json.
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";

async function main() {
  if (!existsSync(".next/BUILD_ID") || !existsSync("dist/server/start.js")) throw new Error("Build first: npm run build");
  const base = process.env.DATABASE_URL;
  if (!base) throw new Error("The benchmark needs a real Postgres: set DATABASE_URL (e.g. postgres://postgres:postgres@127.0.0.1:5432/postgres).");
  const { runBench } = await import("./scenarios");
  const report = await runBench(base);
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
