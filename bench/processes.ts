import { randomBytes } from "node:crypto";
import { startProcess, waitForUrl } from "@/test/app-process";
import { registerServer } from "./cpu";

export interface Running {
  url: string;
  /** Stops it; resolves once it has ended. */
  stop: () => Promise<unknown>;
}

/** The no-auth ceiling route that bench/app.ts adds to the app. */
export const CEILING_PATH = "/api/v1/bench-ceiling/profile";

/**
 * A production instance of the app: `npm start`'s built server, or the same pieces plus the ceiling route when
 * `ceilingToken` (the settings the unauthenticated lookup runs with) is given. `nodeArgs`: for
 * the built server's node (e.g. --cpu-prof).
 */
export async function startApp(port: number, extraEnv: Record<string, string> = {}, ceilingToken?: object, nodeArgs: string[] = []): Promise<Running> {
  // What `npm start` runs (the built server); the ceiling's composition is bench code, run by tsx.
  const [command, args] = ceilingToken ? ["npx", ["tsx", "bench/app.ts"]] : [process.execPath, [...nodeArgs, "--enable-source-maps", "dist/server/start.js"]];
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
  // Detached: its process group is its pid (npx, tsx and node for the ceiling's composition).
  registerServer(url, app.child.pid!);
  return { url, stop: () => app.stop() };
}

/**
 * The physical ceiling: a bare Node http server answering the same bytes, nothing else: the
 * body, and the headers an answer of ours carried (`headers`, from `answerOf`), each request
 * with a fresh request id as ours do.
 */
export async function startBareServer(port: number, body: string, headers: Record<string, string> = { "content-type": "application/json; charset=utf-8" }): Promise<Running> {
  const idHeader = Object.keys(headers).find((name) => name.toLowerCase() === "request-id");
  const script = `const { randomUUID } = require("node:crypto"); const headers = ${JSON.stringify(headers)}; const body = ${JSON.stringify(body)};
require("node:http").createServer((q, s) => { ${idHeader ? `headers[${JSON.stringify(idHeader)}] = randomUUID(); ` : ""}s.writeHead(200, headers); s.end(body); }).listen(${port}, "127.0.0.1")`;
  const bare = startProcess(process.execPath, ["-e", script], {});
  const url = `http://127.0.0.1:${port}`;
  await waitForUrl(url, bare.child);
  registerServer(url, bare.child.pid!);
  return { url, stop: () => bare.stop() };
}

/** An answer's body and headers as sent (less those Node's http server adds itself), to serve bare. */
export async function answerOf(url: string, token: string): Promise<{ body: string; headers: Record<string, string> }> {
  const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  const body = await response.text();
  if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
  const headers: Record<string, string> = {};
  for (const [name, value] of response.headers) if (!["date", "connection", "keep-alive", "transfer-encoding"].includes(name)) headers[name] = value;
  return { body, headers };
}
