import autocannon from "autocannon";
import { median } from "./stats";

export interface LoadResult {
  name: string;
  requestsPerSecond: number;
  /** Requests per second of each round, when measured in rounds. */
  rounds?: number[];
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
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

/** One run of `scenario` (and of what runs alongside it). */
async function run(scenario: Scenario, seconds?: number): Promise<LoadResult> {
  const main = load(scenario.name, scenario.url, { ...scenario.options, seconds });
  if (!scenario.alongside) return main;
  const { name, url, options } = scenario.alongside;
  const [result] = await Promise.all([main, load(name, url, { ...options, seconds })]);
  return result;
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
  }));
}

/** `l`'s throughput over `to`'s: the median of their round-by-round ratios when both ran in the same rounds. */
export function ratio(l: LoadResult, to: LoadResult): number {
  const paired = l.rounds && to.rounds && l.rounds.length === to.rounds.length;
  const value = paired ? median(l.rounds!.map((r, i) => r / to.rounds![i]!)) : l.requestsPerSecond / to.requestsPerSecond;
  return Math.round(value * 100) / 100;
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

/** A bounded load on loopback: 50 connections for a few seconds. `tokens` rotates one per request. */
export async function load(name: string, url: string, options: LoadOptions = {}): Promise<LoadResult> {
  if (!/^http:\/\/127\.0\.0\.1:/.test(url)) throw new Error("bench traffic goes to 127.0.0.1 only");
  let next = 0;
  const rotate = options.tokens;
  const result = await autocannon({
    url,
    connections: options.connections ?? CONNECTIONS,
    duration: options.seconds ?? DURATION_SECONDS,
    headers: {
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...(options.body === undefined ? {} : { "content-type": "application/json" }),
    },
    ...(options.body === undefined ? {} : { method: "POST" as const, body: JSON.stringify(options.body) }),
    requests: rotate
      ? [
          {
            setupRequest: (request) => ({
              ...request,
              headers: { ...request.headers, authorization: `Bearer ${rotate[next++ % rotate.length]}` },
            }),
          },
        ]
      : undefined,
  });
  return {
    name,
    requestsPerSecond: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}
