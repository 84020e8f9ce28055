import { randomBytes } from "node:crypto";
import { startProcess, waitForUrl } from "../../test/app-process";

/** Another production instance of the app on its own port, sharing Postgres and Redis. */
export async function startInstance(port: number, extraEnv: Record<string, string> = {}) {
  const app = startProcess(process.execPath, ["--enable-source-maps", "dist/server/start.js"], {
    capture: true,
    env: { ...process.env, NODE_ENV: "production", HOST: "127.0.0.1", PORT: String(port), AUTH_SECRET: randomBytes(32).toString("base64url"), ...extraEnv },
  });
  const url = `http://127.0.0.1:${port}`;
  await waitForUrl(`${url}/api/ready`, app.child, 120_000);
  return { url, stop: () => void app.stop(), output: app.output };
}

/** Polls until `check` holds; returns how long it took. */
export async function msUntil(check: () => Promise<boolean>, timeoutMs: number): Promise<number> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) return Number.POSITIVE_INFINITY;
    await new Promise((r) => setTimeout(r, 10));
  }
  return Date.now() - started;
}
