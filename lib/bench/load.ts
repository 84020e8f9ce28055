import autocannon from "autocannon";

export interface LoadResult {
  name: string;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

export const CONNECTIONS = 50;
const DURATION_SECONDS = Number(process.env.BENCH_DURATION ?? 8);

/** A bounded load on loopback: 50 connections for a few seconds. `tokens` rotates one per request. */
export async function load(name: string, url: string, options: { token?: string; tokens?: string[] } = {}): Promise<LoadResult> {
  if (!/^http:\/\/127\.0\.0\.1:/.test(url)) throw new Error("bench traffic goes to 127.0.0.1 only");
  let next = 0;
  const rotate = options.tokens;
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: DURATION_SECONDS,
    headers: options.token ? { authorization: `Bearer ${options.token}` } : {},
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
