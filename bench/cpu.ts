/**
 * CPU time from /proc, in microseconds: what a measured server spent (user + system, every
 * process of its process group: npx and tsx wrappers included, which idle), and what this
 * process's children spent once they ended (the load generator's share). Linux only.
 */
import { readdirSync, readFileSync } from "node:fs";
import { cpus } from "node:os";

const TICKS_PER_SECOND = 100; // USER_HZ: `getconf CLK_TCK` on Linux
const US_PER_TICK = 1_000_000 / TICKS_PER_SECOND;

/** The fields after `pid (comm)`: fields[0] is the state (field 3 of proc(5)). */
function statFields(pid: number | "self"): string[] | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    return text.slice(text.lastIndexOf(")") + 2).split(" ");
  } catch {
    return null; // ended meanwhile
  }
}

const field = (fields: string[], n: number) => Number(fields[n - 3]);

/** User + system CPU of every live process in process group `pgid`, µs. */
export function groupCpuUs(pgid: number): number {
  let ticks = 0;
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    const fields = statFields(Number(name));
    if (fields && field(fields, 5) === pgid) ticks += field(fields, 14) + field(fields, 15);
  }
  return ticks * US_PER_TICK;
}

/** User + system CPU of this process's children that have ended and been waited for, µs. */
export function endedChildrenCpuUs(): number {
  const fields = statFields("self")!;
  return (field(fields, 16) + field(fields, 17)) * US_PER_TICK;
}

/** This process's own CPU, µs (an in-process generator's cost). */
export function ownCpuUs(): number {
  const { user, system } = process.cpuUsage();
  return user + system;
}

export const CORES = cpus().length;

/** The measured servers, by origin (http://127.0.0.1:port): their process groups. */
const servers = new Map<string, number>();

export function registerServer(url: string, pgid: number) {
  servers.set(new URL(url).origin, pgid);
}

/** A meter on the server behind `url`: call the result at the end of the window for its CPU, µs. */
export function meterServer(url: string): () => number {
  const pgid = servers.get(new URL(url).origin);
  if (pgid === undefined) throw new Error(`no registered server for ${url}: start it with bench/processes.ts`);
  const before = groupCpuUs(pgid);
  return () => groupCpuUs(pgid) - before;
}
