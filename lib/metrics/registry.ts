import { collectDefaultMetrics, Counter, Gauge, Registry, type Metric } from "prom-client";
import { createRequire } from "node:module";
import { processSingleton } from "@/db/process-singleton";
import { HotCounter, HotHistogram, type HotSeries } from "./hot-metrics";

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
  const apiRequests = new HotCounter("hub_api_requests_total", "API requests answered, by route, HTTP status and outcome (`ok` or the error code).");
  const apiDuration = new HotHistogram(
    "hub_api_request_duration_seconds",
    "Time from receiving an API request to writing its answer, by route.",
    [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
  );
  const cache = new HotCounter("hub_cache_lookups_total", "Token and Profile Read cache lookups, by cache and result (hit: answered without the database).");
  for (const metric of [apiRequests, apiDuration, cache]) registry.registerMetric(metric as unknown as Metric);
  const pages = new Counter({
    name: "hub_console_requests_total",
    help: "Console (page, server action, Auth.js) requests answered, by HTTP status class.",
    labelNames: ["status"] as const,
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
    apiRequests,
    apiDuration,
    /** Per route: its latency series and its answers' cells by status, then outcome (no string built per request). */
    routes: new Map<string, { duration: HotSeries; cells: Map<number, Map<string, { value: number }>> }>(),
    cacheCells: {
      token: { hit: cache.cell({ cache: "token", result: "hit" }), miss: cache.cell({ cache: "token", result: "miss" }) },
      profile: { hit: cache.cell({ cache: "profile", result: "hit" }), miss: cache.cell({ cache: "profile", result: "miss" }) },
    },
    pages,
    deliveries,
  };
}

const require = createRequire(import.meta.url);

/** On globalThis: Next.js bundles its own copy of this module, and both must count into one registry. */
const metrics = processSingleton("metrics", build);

export const metricsRegistry = metrics.registry;

/** Starts recording, with Node's own metrics (CPU, memory, event-loop delay, GC, handles). Idempotent. */
export function enableMetrics(): void {
  if (metrics.enabled) return;
  metrics.enabled = true;
  for (const name of collectDefaultMetrics.metricsList) {
    // GC durations come from a PerformanceObserver called on every collection, minor ones
    // included: at API load it cost about 7% of Profile Read throughput (A/B of two instances).
    // Event-loop delay (perf_hooks' histogram), CPU, memory, heap and handles are read when scraped.
    if (name === "gc") continue;
    defaultMetric(name)(metrics.registry, { eventLoopMonitoringPrecision: 10 });
  }
}

/** One of prom-client's default metrics by its name in `collectDefaultMetrics.metricsList`. */
function defaultMetric(name: string): (registry: Registry, config: object) => void {
  return require(`prom-client/lib/metrics/${name}`) as (registry: Registry, config: object) => void;
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
  let entry = metrics.routes.get(route);
  if (!entry) {
    entry = { duration: metrics.apiDuration.seriesFor({ route }), cells: new Map() };
    metrics.routes.set(route, entry);
  }
  let byOutcome = entry.cells.get(status);
  if (!byOutcome) entry.cells.set(status, (byOutcome = new Map()));
  let cell = byOutcome.get(outcome);
  if (!cell) byOutcome.set(outcome, (cell = metrics.apiRequests.cell({ route, status: String(status), outcome })));
  cell.value++;
  entry.duration.observe(seconds);
}

/** One console answer, by status class (2xx, 3xx, 4xx, 5xx). */
export function recordPageRequest(status: number): void {
  if (metrics.enabled) metrics.pages.labels(`${Math.floor(status / 100)}xx`).inc();
}

export function recordCacheLookup(cache: "token" | "profile", hit: boolean): void {
  if (metrics.enabled) metrics.cacheCells[cache][hit ? "hit" : "miss"].value++;
}

export function recordWebhookDelivery(result: "delivered" | "retrying" | "failed"): void {
  if (metrics.enabled) metrics.deliveries.labels(result).inc();
}
