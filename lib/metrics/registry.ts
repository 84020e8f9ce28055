import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import { processSingleton } from "@/db/process-singleton";

/**
 * The process's Prometheus metrics (prom-client). Recording is off until `enableMetrics()` (the
 * server calls it when METRICS_PORT is set): with no listener nobody could read them, and the
 * API's hot path then pays one boolean test per recording.
 *
 * Names follow Prometheus's conventions: `hub_` prefix, `_total` counters, `_seconds` durations.
 * Labels are bounded sets only (a route template, a status, an error code, a result), never a
 * token, an account or a value from the request.
 */
function build() {
  const registry = new Registry();
  const api = {
    requests: new Counter({
      name: "hub_api_requests_total",
      help: "API requests answered, by route, HTTP status and outcome (`ok` or the error code).",
      labelNames: ["route", "status", "outcome"] as const,
      registers: [registry],
    }),
    duration: new Histogram({
      name: "hub_api_request_duration_seconds",
      help: "Time from receiving an API request to writing its answer, by route.",
      labelNames: ["route"] as const,
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
  };
  const pages = new Counter({
    name: "hub_console_requests_total",
    help: "Console (page, server action, Auth.js) requests answered, by HTTP status class.",
    labelNames: ["status"] as const,
    registers: [registry],
  });
  const cache = new Counter({
    name: "hub_cache_lookups_total",
    help: "Token and Profile Read cache lookups, by cache and result (hit: answered without the database).",
    labelNames: ["cache", "result"] as const,
    registers: [registry],
  });
  const deliveries = new Counter({
    name: "hub_webhook_deliveries_total",
    help: "Webhook delivery attempts, by result: delivered, retrying (will be tried again) or failed (given up).",
    labelNames: ["result"] as const,
    registers: [registry],
  });
  return {
    registry,
    enabled: false,
    api,
    pages,
    cacheCounters: {
      token: { hit: cache.labels("token", "hit"), miss: cache.labels("token", "miss") },
      profile: { hit: cache.labels("profile", "hit"), miss: cache.labels("profile", "miss") },
    },
    deliveries,
    /** One child per label set, made once: `labels()` hashes its arguments on every call. */
    apiChildren: new Map<string, { requests: Counter.Internal; duration: Histogram.Internal<"route"> }>(),
  };
}

/** On globalThis: Next.js bundles its own copy of this module, and both must count into one registry. */
const metrics = processSingleton("metrics", build);

export const metricsRegistry = metrics.registry;

/** Starts recording, with Node's own metrics (CPU, memory, event-loop delay, GC, handles). Idempotent. */
export function enableMetrics(): void {
  if (metrics.enabled) return;
  metrics.enabled = true;
  collectDefaultMetrics({ register: metrics.registry });
}

export const metricsEnabled = () => metrics.enabled;

/**
 * A gauge read when scraped (`collect` may query the database): registered once per name, so a
 * module that is evaluated twice does not register it twice.
 */
export function registerGauge(name: string, help: string, labelNames: string[], collect: (gauge: Gauge<string>) => Promise<void>): void {
  if (metrics.registry.getSingleMetric(name)) return;
  new Gauge({
    name,
    help,
    labelNames,
    registers: [metrics.registry],
    async collect() {
      await collect(this);
    },
  });
}

/** One API answer: its route template (never the raw path), status, outcome, and duration. */
export function recordApiRequest(route: string, status: number, outcome: string, seconds: number): void {
  if (!metrics.enabled) return;
  const key = `${route} ${status} ${outcome}`;
  let child = metrics.apiChildren.get(key);
  if (!child) {
    child = { requests: metrics.api.requests.labels(route, String(status), outcome), duration: metrics.api.duration.labels(route) };
    metrics.apiChildren.set(key, child);
  }
  child.requests.inc();
  child.duration.observe(seconds);
}

/** One console answer, by status class (2xx, 3xx, 4xx, 5xx). */
export function recordPageRequest(status: number): void {
  if (metrics.enabled) metrics.pages.labels(`${Math.floor(status / 100)}xx`).inc();
}

export function recordCacheLookup(cache: "token" | "profile", hit: boolean): void {
  if (metrics.enabled) metrics.cacheCounters[cache][hit ? "hit" : "miss"].inc();
}

export function recordWebhookDelivery(result: "delivered" | "retrying" | "failed"): void {
  if (metrics.enabled) metrics.deliveries.labels(result).inc();
}
