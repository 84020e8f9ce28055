import { processSingleton } from "@/db/process-singleton";

/**
 * Fail fast while the database is unreachable. The driver makes each query on a dead
 * connection wait for its next reconnect attempt (up to a second), so without this every API
 * call during an outage would hang that long before its 503. After a connection failure the
 * breaker refuses at once for a short cool-off; then one request at a time goes through as a
 * probe, and the first that reaches the database closes it again.
 */
const COOL_OFF_MS = 250;

// Node socket errors, postgres.js connection errors, and the server's connection-exception
// (08…) and shutdown / starting-up (57P0…) SQLSTATEs.
const CONNECTION_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "EHOSTUNREACH",
  "ENOTFOUND",
  "CONNECT_TIMEOUT",
  "CONNECTION_CLOSED",
  "CONNECTION_DESTROYED",
  "CONNECTION_ENDED",
]);

/** Whether `error` (or any error in its cause chain) says the database could not be reached. */
export function isConnectionFailure(error: unknown): boolean {
  for (let e = error, depth = 0; e && typeof e === "object" && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && (CONNECTION_CODES.has(code) || code.startsWith("08") || code.startsWith("57P0"))) return true;
  }
  return false;
}

export class DatabaseBreaker {
  private openUntil = 0;
  private probing = false;

  constructor(private now: () => number = Date.now) {}

  /** False: answer 503 now, without touching the database. */
  admit(): boolean {
    if (this.openUntil === 0) return true;
    if (this.probing || this.now() < this.openUntil) return false;
    this.probing = true;
    return true;
  }

  /**
   * How an admitted request ended: it reached the database, never needed it (which says
   * nothing either way), or failed with `error`.
   */
  settle(outcome: "reached" | "skipped" | { error: unknown }) {
    this.probing = false;
    if (outcome === "skipped") return;
    this.openUntil = outcome !== "reached" && isConnectionFailure(outcome.error) ? this.now() + COOL_OFF_MS : 0;
  }
}

export const databaseBreaker = processSingleton("databaseBreaker", () => new DatabaseBreaker());
