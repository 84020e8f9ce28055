import { randomBytes } from "node:crypto";
import { startProcess, waitForUrl } from "@/test/app-process";

export interface Running {
  url: string;
  stop: () => void;
}

/** The no-auth ceiling route that bench/app.ts adds to the app. */
export const CEILING_PATH = "/api/v1/bench-ceiling/profile";

/**
 * A production instance of the app: `npm start`'s built server, or the same pieces plus the ceiling route when
 * `ceilingToken` (the settings the unauthenticated lookup runs with) is given.
 */
export async function startApp(port: number, extraEnv: Record<string, string> = {}, ceilingToken?: object): Promise<Running> {
  // What `npm start` runs (the built server); the ceiling's composition is bench code, run by tsx.
  const [command, args] = ceilingToken ? ["npx", ["tsx", "bench/app.ts"]] : [process.execPath, ["--enable-source-maps", "dist/server/start.js"]];
  const app = startProcess(command, args, {
    env: {
      ...process.env,
      NODE_ENV: "production",
      HOST: "127.0.0.1",
      PORT: String(port),
      LOG_LEVEL: "warn",
      // The bench may run on the embedded database (no DATABASE_URL): production refuses it unless told.
      HUB_EMBEDDED_DATABASE: "allow",
      AUTH_SECRET: process.env.AUTH_SECRET ?? randomBytes(32).toString("base64url"),
      ...(ceilingToken ? { BENCH_CEILING_TOKEN: JSON.stringify(ceilingToken) } : {}),
      ...extraEnv,
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const url = `http://127.0.0.1:${port}`;
  await waitForUrl(`${url}/api/v1/live`, app.child);
  return { url, stop: () => void app.stop() };
}

/** The physical ceiling: a bare Node http server answering the same JSON, nothing else. */
export async function startBareServer(port: number, body: string): Promise<Running> {
  const script = `require("node:http").createServer((q, s) => { s.writeHead(200, { "content-type": "application/json; charset=utf-8" }); s.end(${JSON.stringify(body)}); }).listen(${port}, "127.0.0.1")`;
  const bare = startProcess(process.execPath, ["-e", script], {});
  const url = `http://127.0.0.1:${port}`;
  await waitForUrl(url, bare.child);
  return { url, stop: () => void bare.stop() };
}
