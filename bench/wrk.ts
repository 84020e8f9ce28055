/**
 * A closed-loop load with wrk (Debian's package): C, epoll, one thread, so the cores are left
 * to the server (bench/NOTES.md has the measurement against autocannon). Each request is prebuilt
 * once by bench/wrk.lua, tokens rotated one per request.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { endedChildrenCpuUs } from "./cpu";

export interface WrkOptions {
  connections: number;
  seconds: number;
  threads?: number;
  token?: string;
  tokens?: string[];
  /** A JSON body, POSTed. */
  body?: unknown;
}

export interface WrkResult {
  requests: number;
  seconds: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  non2xx: number;
  errors: number;
  /** wrk's own CPU time over the run, µs. */
  generatorCpuUs: number;
}

/** Relative to the repository root, where `npm run bench` runs. */
const SCRIPT = resolve("bench/wrk.lua");

export async function runWrk(url: string, options: WrkOptions): Promise<WrkResult> {
  // Tokens and bodies go through files: never on a command line (ps shows those).
  const dir = mkdtempSync(join(tmpdir(), "bench-wrk-"));
  try {
    const env: NodeJS.ProcessEnv = { ...process.env, BENCH_WRK_TOKEN: "", BENCH_WRK_TOKENS: "", BENCH_WRK_BODY: "" };
    if (options.tokens) writeFileSync((env.BENCH_WRK_TOKENS = join(dir, "tokens")), options.tokens.join("\n"), { mode: 0o600 });
    else if (options.token) writeFileSync((env.BENCH_WRK_TOKENS = join(dir, "tokens")), options.token, { mode: 0o600 });
    if (options.body !== undefined) writeFileSync((env.BENCH_WRK_BODY = join(dir, "body")), JSON.stringify(options.body));
    const args = ["-t", String(options.threads ?? 1), "-c", String(options.connections), "-d", `${options.seconds}s`, "--timeout", "10s", "-s", SCRIPT, url];
    const cpuBefore = endedChildrenCpuUs();
    const output = await new Promise<string>((resolve, reject) => {
      const child = spawn("wrk", args, { env, stdio: ["ignore", "pipe", "pipe"] });
      let text = "";
      child.stdout.on("data", (chunk: Buffer) => (text += chunk.toString("utf8")));
      child.stderr.on("data", (chunk: Buffer) => (text += chunk.toString("utf8")));
      child.once("error", (error) => reject(new Error(`wrk did not start (${error.message}): apt-get install wrk`)));
      child.once("exit", (code) => (code === 0 ? resolve(text) : reject(new Error(`wrk exited with ${code}: ${text}`))));
    });
    const generatorCpuUs = endedChildrenCpuUs() - cpuBefore;
    const line = output.split("\n").find((l) => l.startsWith("BENCH_WRK "));
    if (!line) throw new Error(`wrk printed no result: ${output}`);
    const r = JSON.parse(line.slice("BENCH_WRK ".length)) as Record<string, number>;
    return {
      requests: r.requests!,
      seconds: r.durationUs! / 1e6,
      p50Ms: r.p50Us! / 1000,
      p99Ms: r.p99Us! / 1000,
      maxMs: r.maxUs! / 1000,
      non2xx: r.non2xx!,
      errors: r.connectErrors! + r.readErrors! + r.writeErrors! + r.timeouts!,
      generatorCpuUs,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
