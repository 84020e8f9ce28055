/**
 * Latency at a fixed offered rate, open loop (wrk2's method): request i is due at start + i/rate
 * whether or not earlier answers came back, and its latency runs from that intended time to the
 * last byte of its answer, so a stall is counted for every request it held up (coordinated
 * omission corrected). Kept in an HdrHistogram.
 *
 * The client is a few lines over raw keep-alive sockets (one request in flight per connection,
 * each request's bytes prebuilt), so it costs the server's cores little; it reads answers by
 * Content-Length, which every /api/v1 answer carries. Sends go out on a 1 ms timer, so a request
 * may leave up to ~1 ms after its time: that lag is inside the latencies (as in wrk2) and is
 * reported on its own (`sendLagP99Ms`) to show the generator kept up.
 */
import { connect, type Socket } from "node:net";
import * as hdr from "hdr-histogram-js";
import { meterServer, ownCpuUs } from "./cpu";

export interface FixedRateOptions {
  /** Requests per second offered. */
  rate: number;
  seconds: number;
  connections: number;
  token?: string;
  /** One per request, in turn. */
  tokens?: string[];
}

export interface FixedRateResult {
  name?: string;
  rate: number;
  sent: number;
  answered: number;
  non2xx: number;
  errors: number;
  p50Ms: number;
  p99Ms: number;
  p999Ms: number;
  maxMs: number;
  /** How late the generator's timer fired against a request's intended time, p99 (its own lag). */
  sendLagP99Ms: number;
  /** This process's CPU over the run ÷ the run's wall time (cores). */
  generatorCores: number;
  /** The server's CPU per request answered over the run, µs: its cost at this rate (no saturation). */
  cpuUsPerRequest: number;
}

interface Connection {
  socket: Socket;
  /** The request in flight: its intended time (ms, performance.now()). */
  intended: number | null;
  buffer: Buffer;
}

const HEAD_END = Buffer.from("\r\n\r\n");
const LENGTH_NAMES = [Buffer.from("\r\nContent-Length:"), Buffer.from("\r\ncontent-length:")];

/** The Content-Length of the answer whose head ends at `end` (no string made of the head). */
function contentLength(buffer: Buffer, end: number): number {
  for (const name of LENGTH_NAMES) {
    const at = buffer.indexOf(name);
    if (at < 0 || at > end) continue;
    let i = at + name.length;
    while (buffer[i] === 32) i++;
    let n = 0;
    for (; buffer[i]! >= 48 && buffer[i]! <= 57; i++) n = n * 10 + buffer[i]! - 48;
    return n;
  }
  throw new Error(`an answer without Content-Length: ${buffer.toString("latin1", 0, end)}`);
}

export async function fixedRate(url: string, options: FixedRateOptions): Promise<FixedRateResult> {
  const target = new URL(url);
  if (target.hostname !== "127.0.0.1") throw new Error("bench traffic goes to 127.0.0.1 only");
  const requests = (options.tokens ?? [options.token]).map((token) =>
    Buffer.from(`GET ${target.pathname}${target.search} HTTP/1.1\r\nHost: ${target.host}\r\n${token ? `Authorization: Bearer ${token}\r\n` : ""}\r\n`),
  );
  const latency = hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 60_000_000, numberOfSignificantValueDigits: 3 });
  const lag = hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 60_000_000, numberOfSignificantValueDigits: 3 });
  const total = Math.round(options.rate * options.seconds);
  const interval = 1000 / options.rate;
  let sent = 0;
  let answered = 0;
  let non2xx = 0;
  let errors = 0;
  let due = 0; // requests whose time has come (sent or queued)
  const idle: Connection[] = [];
  let start = 0;
  let finish: () => void = () => {};
  const finished = new Promise<void>((resolve) => (finish = resolve));

  const send = (connection: Connection) => {
    const intended = start + sent * interval;
    connection.intended = intended;
    connection.socket.write(requests[sent % requests.length]!);
    sent++;
  };
  const settle = () => {
    if (answered + errors >= total) finish();
  };
  const onData = (connection: Connection, chunk: Buffer) => {
    connection.buffer = connection.buffer.length === 0 ? chunk : Buffer.concat([connection.buffer, chunk]);
    for (;;) {
      const buffer = connection.buffer;
      const end = buffer.indexOf(HEAD_END);
      if (end < 0) return;
      const size = end + 4 + contentLength(buffer, end);
      if (buffer.length < size) return;
      // "HTTP/1.1 200 …": the status is bytes 9-11.
      const status = (buffer[9]! - 48) * 100 + (buffer[10]! - 48) * 10 + (buffer[11]! - 48);
      connection.buffer = connection.buffer.subarray(size);
      latency.recordValue(Math.max(1, Math.round((performance.now() - connection.intended!) * 1000)));
      connection.intended = null;
      answered++;
      if (status < 200 || status > 299) non2xx++;
      if (sent < due) send(connection);
      else idle.push(connection);
      settle();
    }
  };
  const connections = await Promise.all(
    Array.from(
      { length: options.connections },
      () =>
        new Promise<Connection>((resolve, reject) => {
          const socket = connect({ host: target.hostname, port: Number(target.port), noDelay: true });
          const connection: Connection = { socket, intended: null, buffer: Buffer.alloc(0) };
          socket.once("connect", () => resolve(connection));
          socket.once("error", reject);
          socket.on("data", (chunk: Buffer) => onData(connection, chunk));
        }),
    ),
  );
  for (const connection of connections) {
    connection.socket.on("error", () => {});
    connection.socket.on("close", () => {
      // A request in flight on a closed connection is lost: an error, not a latency.
      if (connection.intended !== null) {
        errors++;
        connection.intended = null;
        settle();
      }
    });
    idle.push(connection);
  }

  const meter = meterServer(url);
  const cpuBefore = ownCpuUs();
  start = performance.now();
  const tick = () => {
    due = Math.min(total, Math.floor((performance.now() - start) / interval) + 1);
    // The timer's lateness, for requests a free connection could take at once (a request that
    // waits for a connection waits on the server, which its latency counts in full).
    if (sent < due && idle.length > 0) lag.recordValue(Math.max(1, Math.round((performance.now() - (start + sent * interval)) * 1000)));
    while (sent < due && idle.length > 0) send(idle.pop()!);
    if (due < total) setTimeout(tick, 1);
  };
  tick();
  const deadline = setTimeout(finish, (options.seconds + 15) * 1000);
  await finished;
  clearTimeout(deadline);
  const wallMs = performance.now() - start;
  const generatorCores = (ownCpuUs() - cpuBefore) / 1000 / wallMs;
  const serverCpuUs = meter();
  for (const { socket } of connections) socket.destroy();
  const ms = (us: number) => Math.round(us / 10) / 100;
  const result: FixedRateResult = {
    rate: options.rate,
    sent,
    answered,
    non2xx,
    errors: total - answered,
    p50Ms: ms(latency.getValueAtPercentile(50)),
    p99Ms: ms(latency.getValueAtPercentile(99)),
    p999Ms: ms(latency.getValueAtPercentile(99.9)),
    maxMs: ms(latency.maxValue),
    sendLagP99Ms: ms(lag.getValueAtPercentile(99)),
    generatorCores: Math.round(generatorCores * 100) / 100,
    cpuUsPerRequest: Math.round((serverCpuUs / Math.max(1, answered)) * 10) / 10,
  };
  latency.destroy();
  lag.destroy();
  return result;
}

export const FIXED_RATE_SECONDS = Number(process.env.BENCH_FIXED_RATE_SECONDS ?? 10);
export const FIXED_RATE_CONNECTIONS = 50;

/**
 * `url` at half of `saturatedPerSecond` (its closed-loop throughput in the same run), for
 * FIXED_RATE_SECONDS; `bareUrl`: bare Node at the same rate right after, for CPU per request
 * against bare at an equal offered rate (at saturation the two run at different rates, and the
 * kernel's cost of a loopback send, waking the generator, depends on the rate).
 */
export async function atHalfSaturation(
  name: string,
  url: string,
  saturatedPerSecond: number,
  options: { token?: string; tokens?: string[] },
  bareUrl?: string,
): Promise<FixedRateResult & { name: string; bareCpuUsPerRequest?: number; cpuEfficiency?: number }> {
  const rate = Math.max(1, Math.round(saturatedPerSecond / 2));
  console.log(`fixed rate: ${name} at ${rate} req/s`);
  const result = await fixedRate(url, { ...options, rate, seconds: FIXED_RATE_SECONDS, connections: FIXED_RATE_CONNECTIONS });
  if (!bareUrl) return { name, ...result };
  const bare = await fixedRate(bareUrl, { rate, seconds: FIXED_RATE_SECONDS, connections: FIXED_RATE_CONNECTIONS });
  return { name, ...result, bareCpuUsPerRequest: bare.cpuUsPerRequest, cpuEfficiency: Math.round((bare.cpuUsPerRequest / result.cpuUsPerRequest) * 100) / 100 };
}

