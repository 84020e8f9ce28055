import { CORES, endedChildrenCpuUs, meterServer } from "./cpu";
import { median } from "./stats";
import { runWrk } from "./wrk";

export interface LoadResult {
  name: string;
  requestsPerSecond: number;
  /** Requests per second of each round, when measured in rounds. */
  rounds?: number[];
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  /** The server's CPU time (user + system) over the window ÷ the requests it answered, µs. */
  cpuUsPerRequest: number;
  /** The same, each round (for ratios taken round by round). */
  cpuRounds?: number[];
  /** The load generator's CPU over the window ÷ the machine's (window × cores). */
  generatorCpuShare: number;
  /** The server's CPU over the window ÷ the window: how many cores it kept busy. */
  serverCores: number;
}

export const CONNECTIONS = 50;
export const DURATION_SECONDS = Number(process.env.BENCH_DURATION ?? 4);
export const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);

export interface Scenario {
  name: string;
  url: string;
  options?: LoadOptions;
  /** Another load run at the same time, on connections of its own; only this one is measured. */
  alongside?: Scenario;
}

/**
 * One run of `scenario` (and of what runs alongside it). With a load alongside, the server's CPU
 * is shared by both loads' requests, and the generator's share is both generators'.
 */
async function run(scenario: Scenario, seconds?: number): Promise<LoadResult> {
  if (!scenario.alongside) return load(scenario.name, scenario.url, { ...scenario.options, seconds });
  const { name, url, options } = scenario.alongside;
  const generatorBefore = endedChildrenCpuUs();
  const meter = meterServer(scenario.url);
  const [result, other] = await Promise.all([load(scenario.name, scenario.url, { ...scenario.options, seconds }), load(name, url, { ...options, seconds })]);
  const window = seconds ?? DURATION_SECONDS;
  const answered = (result.requestsPerSecond + other.requestsPerSecond) * window;
  return {
    ...result,
    cpuUsPerRequest: round1(meter() / answered),
    generatorCpuShare: round2((endedChildrenCpuUs() - generatorBefore) / (window * 1e6 * CORES)),
  };
}

/**
 * Runs the scenarios one after another, ROUNDS times over, and keeps each one's median: on a
 * small shared machine throughput drifts by tens of percent within a minute, and interleaving
 * spreads that drift over every scenario instead of favouring the one that ran in a quiet spell
 * (ratios are taken round by round, between runs a few seconds apart: see `ratio`).
 * A short unmeasured run of each comes first, so no scenario pays for JIT compilation or cold
 * database buffers.
 */
export async function loadInRounds(scenarios: Scenario[]): Promise<LoadResult[]> {
  for (const scenario of scenarios) {
    console.log(`warm-up: ${scenario.name}`);
    await run(scenario, 2);
  }
  const results = scenarios.map(() => [] as LoadResult[]);
  for (let round = 1; round <= ROUNDS; round++) {
    for (const [i, scenario] of scenarios.entries()) {
      console.log(`load (round ${round}/${ROUNDS}): ${scenario.name}`);
      results[i]!.push(await run(scenario));
    }
  }
  return results.map((runs) => ({
    name: runs[0]!.name,
    requestsPerSecond: median(runs.map((r) => r.requestsPerSecond)),
    rounds: runs.map((r) => r.requestsPerSecond),
    p50: median(runs.map((r) => r.p50)),
    p99: median(runs.map((r) => r.p99)),
    non2xx: runs.reduce((n, r) => n + r.non2xx, 0),
    errors: runs.reduce((n, r) => n + r.errors, 0),
    cpuUsPerRequest: median(runs.map((r) => r.cpuUsPerRequest)),
    cpuRounds: runs.map((r) => r.cpuUsPerRequest),
    generatorCpuShare: median(runs.map((r) => r.generatorCpuShare)),
    serverCores: median(runs.map((r) => r.serverCores)),
  }));
}

/** `l`'s throughput over `to`'s: the median of their round-by-round ratios when both ran in the same rounds. */
export function ratio(l: LoadResult, to: LoadResult): number {
  const paired = l.rounds && to.rounds && l.rounds.length === to.rounds.length;
  const value = paired ? median(l.rounds!.map((r, i) => r / to.rounds![i]!)) : l.requestsPerSecond / to.requestsPerSecond;
  return Math.round(value * 100) / 100;
}

/**
 * CPU efficiency of `l` against `bare`: bare's CPU per request over `l`'s (1 = as cheap as bare
 * Node), the median of the round-by-round ratios when both ran in the same rounds.
 */
export function cpuEfficiency(l: LoadResult, bare: LoadResult): number {
  const paired = l.cpuRounds && bare.cpuRounds && l.cpuRounds.length === bare.cpuRounds.length;
  const value = paired ? median(l.cpuRounds!.map((us, i) => bare.cpuRounds![i]! / us)) : bare.cpuUsPerRequest / l.cpuUsPerRequest;
  return round2(value);
}

export interface LoadOptions {
  token?: string;
  tokens?: string[];
  seconds?: number;
  /** CONNECTIONS unless given. */
  connections?: number;
  /** A JSON body, POSTed. */
  body?: unknown;
}

const round1 = (n: number) => Math.round(n * 10) / 10;
const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * A bounded closed-loop load on loopback with wrk (bench/wrk.ts): 50 connections for a few
 * seconds. `tokens` rotates one per request. The server behind `url` (started by
 * bench/processes.ts) is metered: its CPU per request answered.
 */
export async function load(name: string, url: string, options: LoadOptions = {}): Promise<LoadResult> {
  if (!/^http:\/\/127\.0\.0\.1:/.test(url)) throw new Error("bench traffic goes to 127.0.0.1 only");
  const seconds = options.seconds ?? DURATION_SECONDS;
  const meter = meterServer(url);
  const result = await runWrk(url, {
    connections: options.connections ?? CONNECTIONS,
    seconds,
    token: options.token,
    tokens: options.tokens,
    body: options.body,
  });
  const serverCpuUs = meter();
  return {
    name,
    requestsPerSecond: Math.round(result.requests / result.seconds),
    p50: result.p50Ms,
    p99: result.p99Ms,
    non2xx: result.non2xx,
    errors: result.errors,
    cpuUsPerRequest: round1(serverCpuUs / Math.max(1, result.requests)),
    generatorCpuShare: round2(result.generatorCpuUs / (result.seconds * 1e6 * CORES)),
    serverCores: round2(serverCpuUs / (result.seconds * 1e6)),
  };
}
