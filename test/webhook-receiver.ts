import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface Received {
  headers: Record<string, string>;
  body: string;
}

/**
 * A webhook receiver on 127.0.0.1 for tests, not yet listening: records what arrives and answers
 * `status` (changeable). `start()`, `stop()` and `start()` again on the same port model an outage.
 */
export function createReceiver(options: { port?: number; status?: number } = {}) {
  const received: Received[] = [];
  // `delayMs`: how long it takes to answer (a send still in flight when a worker stops).
  const state = { status: options.status ?? 200, delayMs: 0 };
  let server: Server | null = null;
  let port = options.port ?? 0;
  const listen = () =>
    new Promise<void>((resolve) => {
      server = createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on("data", (c: Buffer) => chunks.push(c));
        req.on("end", () => {
          const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
          received.push({ headers, body: Buffer.concat(chunks).toString("utf8") });
          const answer = () => res.writeHead(state.status).end("ok");
          if (state.delayMs > 0) setTimeout(answer, state.delayMs);
          else answer();
        });
      });
      server.listen(port, "127.0.0.1", () => {
        port = (server!.address() as AddressInfo).port;
        resolve();
      });
    });
  return {
    received,
    state,
    get url() {
      return `http://127.0.0.1:${port}/hooks`;
    },
    /** Distinct `webhook-id`s received: what an idempotent receiver would process. */
    uniqueIds: () => new Set(received.map((r) => r.headers["webhook-id"])),
    start: listen,
    stop: () => new Promise<void>((resolve) => (server ? (server.closeAllConnections(), server.close(() => resolve())) : resolve())),
  };
}

export type Receiver = ReturnType<typeof createReceiver>;

/** A receiver already listening (an e2e journey or a single test that owns its own). */
export async function startReceiver(options: { port?: number; status?: number } = {}) {
  const receiver = createReceiver(options);
  await receiver.start();
  return receiver;
}
