import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";

export interface Running {
  url: string;
  stop: () => void;
}

async function waitFor(url: string, child: ChildProcess, timeoutMs = 180_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`process for ${url} exited with ${child.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not yet listening
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

function stopper(child: ChildProcess) {
  return () => {
    try {
      process.kill(-child.pid!, "SIGTERM");
    } catch {
      // gone already
    }
  };
}

/** The no-auth ceiling route that bench/app.ts adds to the app. */
export const CEILING_PATH = "/api/v1/bench-ceiling/profile";

/**
 * A production instance of the app: `npm start`'s server, plus the ceiling route when
 * `ceilingToken` (the settings the unauthenticated lookup runs with) is given.
 */
export async function startApp(port: number, extraEnv: Record<string, string> = {}, ceilingToken?: object): Promise<Running> {
  const entry = ceilingToken ? "bench/app.ts" : "lib/server/start.ts";
  const child = spawn("npx", ["tsx", entry], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      HOST: "127.0.0.1",
      PORT: String(port),
      LOG_LEVEL: "warn",
      AUTH_SECRET: process.env.AUTH_SECRET ?? randomBytes(32).toString("base64url"),
      ...(ceilingToken ? { BENCH_CEILING_TOKEN: JSON.stringify(ceilingToken) } : {}),
      ...extraEnv,
    },
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
  });
  const url = `http://127.0.0.1:${port}`;
  await waitFor(`${url}/api/v1/live`, child);
  return { url, stop: stopper(child) };
}

/** The physical ceiling: a bare Node http server answering the same JSON, nothing else. */
export async function startBareServer(port: number, body: string): Promise<Running> {
  const script = `require("node:http").createServer((q, s) => { s.writeHead(200, { "content-type": "application/json; charset=utf-8" }); s.end(${JSON.stringify(body)}); }).listen(${port}, "127.0.0.1")`;
  const child = spawn(process.execPath, ["-e", script], { stdio: "ignore", detached: true });
  const url = `http://127.0.0.1:${port}`;
  await waitFor(url, child);
  return { url, stop: stopper(child) };
}
