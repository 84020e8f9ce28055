import { spawn, type ChildProcess, type SpawnOptions } from "node:child_process";
import { createServer } from "node:net";

/**
 * A server process the tests or the benchmark start: its own process group (so stopping it
 * stops npm, tsx and node together), its output kept when asked, and one way to wait for it.
 */
export interface AppProcess {
  child: ChildProcess;
  /** Everything printed so far (stdout and stderr), when started with `capture`. */
  output: () => string;
  /** SIGINT/SIGTERM to the whole group; resolves with how it ended, SIGKILL after `graceMs`. */
  stop: (signal?: NodeJS.Signals, graceMs?: number) => Promise<{ code: number | null; signal: NodeJS.Signals | null; forced: boolean }>;
}

export function startProcess(command: string, args: string[], options: SpawnOptions & { capture?: boolean; echo?: boolean }): AppProcess {
  const { capture, echo, ...spawnOptions } = options;
  const child = spawn(command, args, { ...spawnOptions, detached: true, stdio: capture ? ["ignore", "pipe", "pipe"] : (spawnOptions.stdio ?? "ignore") });
  let text = "";
  for (const stream of [child.stdout, child.stderr]) {
    stream?.on("data", (chunk: Buffer) => {
      text += chunk.toString("utf8");
      if (echo) process.stdout.write(chunk);
    });
  }
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  const kill = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // the group is gone already
    }
  };
  return {
    child,
    output: () => text,
    stop: async (signal = "SIGTERM", graceMs = 15_000) => {
      if (child.exitCode !== null || child.signalCode !== null) {
        // npx may end before the processes it started: the rest of the group gets the signal too.
        kill(signal);
        return { code: child.exitCode, signal: child.signalCode, forced: false };
      }
      kill(signal);
      const timer = new Promise<"timeout">((resolve) => setTimeout(() => resolve("timeout"), graceMs).unref());
      const first = await Promise.race([exited, timer]);
      if (first !== "timeout") return { ...first, forced: false };
      kill("SIGKILL");
      return { ...(await exited), forced: true };
    },
  };
}

/** Polls `url` until it answers with an accepted status; fails early if the process exits. */
export async function waitForUrl(url: string, child: ChildProcess, timeoutMs = 180_000, accept = (status: number) => status < 400): Promise<number> {
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the process for ${url} exited with ${child.exitCode}`);
    try {
      const response = await fetch(url, { redirect: "manual" });
      await response.arrayBuffer();
      if (accept(response.status)) return Date.now() - started;
    } catch {
      // not listening yet
    }
    if (Date.now() - started > timeoutMs) throw new Error(`${url} did not answer within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** A loopback port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
