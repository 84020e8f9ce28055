/**
 * `npm run hub`, `db:migrate` and `db:seed` start here. Production runs the JavaScript that
 * `npm run build` wrote to dist/ (a production install has no TypeScript tooling); development
 * runs the TypeScript source through tsx, so a command needs no build first.
 */
import { existsSync } from "node:fs";

const built = new URL("../../dist/cli/hub.js", import.meta.url);

async function hasTsx() {
  try {
    await import("tsx/esm/api");
    return true;
  } catch {
    return false;
  }
}

if (process.env.NODE_ENV === "production" || !(await hasTsx())) {
  if (!existsSync(built)) {
    console.error("dist/cli/hub.js is missing: run `npm run build` first.");
    process.exit(1);
  }
  await import(built.href);
} else {
  const { register } = await import("tsx/esm/api");
  register();
  await import("./hub.ts");
}
