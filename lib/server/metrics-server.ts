import { createServer, type Server } from "node:http";
import { connectionStates } from "@/db";
import { clock } from "@/lib/clock";
import { log } from "@/lib/log";
import { enableMetrics, metricsRegistry, registerGauge } from "@/lib/metrics/registry";
import { outboxBacklog } from "@/lib/webhooks/delivery-queries";

/**
 * `GET /metrics` in Prometheus's text format, on a listener of its own (METRICS_PORT): the public
 * port never serves it, so what an operator scrapes is reachable only where they bind it.
 */
export function startMetricsServer(port: number, host: string): Promise<Server> {
  enableMetrics();
  registerDatabaseGauges();
  const server = createServer((req, res) => {
    if (req.method !== "GET" || (req.url ?? "").split("?")[0] !== "/metrics") {
      res.writeHead(404, { "Content-Type": "text/plain; charset=utf-8" }).end("Not found: metrics are at GET /metrics\n");
      return;
    }
    metricsRegistry.metrics().then(
      (text) => res.writeHead(200, { "Content-Type": metricsRegistry.contentType, "Cache-Control": "no-store" }).end(text),
      (error: unknown) => {
        log.error({ error: (error as Error).name }, "metrics collection failed");
        res.writeHead(500, { "Content-Type": "text/plain; charset=utf-8" }).end("metrics collection failed\n");
      },
    );
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      log.info({ url: `http://${host}:${port}/metrics` }, "metrics ready");
      resolve(server);
    });
  });
}

/** Read at each scrape: the webhook outbox's backlog and this process's database connections. */
function registerDatabaseGauges() {
  const backlog = perScrape(() => outboxBacklog(new Date(clock.now())));
  const connections = perScrape(connectionStates);
  registerGauge("hub_webhook_outbox_pending", "Webhook deliveries waiting in the outbox (due or scheduled for a retry).", [], async (gauge) => {
    gauge.set((await backlog()).pending);
  });
  registerGauge("hub_webhook_outbox_oldest_due_seconds", "How long the oldest due webhook delivery has waited (0: none is due).", [], async (gauge) => {
    gauge.set((await backlog()).oldestDueSeconds);
  });
  registerGauge("hub_db_pool_size", "Database connections this process may open (the pool and the batched writers' one).", [], async (gauge) => {
    gauge.set((await connections()).poolSize);
  });
  registerGauge("hub_db_connections", "This process's database connections by state, as the server reports them.", ["state"], async (gauge) => {
    gauge.reset();
    for (const [state, count] of Object.entries((await connections()).states)) gauge.labels(state).set(count);
  });
}

/** One query for the gauges of one scrape (they are collected together), not one per gauge. */
function perScrape<T>(read: () => Promise<T>): () => Promise<T> {
  let last: { at: number; value: Promise<T> } | null = null;
  return () => {
    const now = Date.now();
    if (!last || now - last.at > 1_000) last = { at: now, value: read() };
    return last.value;
  };
}
