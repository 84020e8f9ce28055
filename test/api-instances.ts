import { startProcess, type AppProcess } from "./app-process";

export interface ApiInstance {
  port: number;
  process: AppProcess;
}

/** Starts test/api-instance.ts in a process of its own; resolves once it listens. */
export async function startApiInstance(timeoutMs = 60_000): Promise<ApiInstance> {
  const process_ = startProcess("npx", ["tsx", "test/api-instance.ts"], { env: { ...process.env, LOG_LEVEL: "warn" }, capture: true });
  const started = Date.now();
  for (;;) {
    const port = /port=(\d+)/.exec(process_.output())?.[1];
    if (port) return { port: Number(port), process: process_ };
    if (process_.child.exitCode !== null || Date.now() - started > timeoutMs) {
      await process_.stop("SIGKILL");
      throw new Error(`the API instance did not start: ${process_.output()}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}
