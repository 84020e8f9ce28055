import { randomUUID } from "node:crypto";

/** What a heartbeat's NOTIFY payload starts with; token notifications carry a token id (a UUID). */
export const HEARTBEAT_PREFIX = "heartbeat:";

export interface HeartbeatOptions {
  intervalMs?: number;
  timeoutMs?: number;
  now?: () => number;
}

/**
 * Proves the LISTEN connection still delivers. A half-open connection (the server or a NAT gone
 * without a FIN) raises no error, so without this the cache would trust it, and keep a revoked
 * token alive, for as long as an entry lives. The listener notifies itself every `intervalMs`;
 * when none of its own has come back for `timeoutMs`, the connection counts as dead.
 */
export class Heartbeat {
  private readonly payload = `${HEARTBEAT_PREFIX}${randomUUID()}`;
  private lastSeen: number;
  private timer: ReturnType<typeof setInterval> | undefined;
  private readonly intervalMs: number;
  private readonly timeoutMs: number;
  private readonly now: () => number;

  constructor(
    /** Sends a NOTIFY with this payload on the listened channel. */
    private send: (payload: string) => Promise<unknown>,
    private onDead: () => void,
    options: HeartbeatOptions = {},
  ) {
    this.intervalMs = options.intervalMs ?? 1_000;
    this.timeoutMs = options.timeoutMs ?? 3_000;
    this.now = options.now ?? Date.now;
    this.lastSeen = this.now();
  }

  start() {
    this.lastSeen = this.now();
    this.timer = setInterval(() => this.beat(), this.intervalMs);
    this.timer.unref?.();
  }

  stop() {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Whether `payload` is a heartbeat (any instance's: all share the channel); notes our own. */
  received(payload: string): boolean {
    if (!payload.startsWith(HEARTBEAT_PREFIX)) return false;
    if (payload === this.payload) this.lastSeen = this.now();
    return true;
  }

  private beat() {
    if (this.now() - this.lastSeen > this.timeoutMs) {
      this.stop();
      this.onDead();
      return;
    }
    // Never awaited: on a half-open connection the query hangs, and the silence is the signal.
    this.send(this.payload).catch(() => {});
  }
}
