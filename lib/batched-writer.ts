/**
 * What the API notes on its hot path and writes later, in batches (usage counts, the access log,
 * refused client IPs): kept in memory on the request's path, written every `everyMs`, on demand,
 * and once more on stop. One write runs at a time; a failed write keeps what it could not write
 * (each subclass decides how) and is retried at the next tick.
 */
export abstract class BatchedWriter {
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> | null = null;

  constructor(private readonly everyMs: number) {}

  start() {
    this.timer ??= setInterval(() => void this.flush().catch(() => {}), this.everyMs);
    this.timer.unref();
  }

  async stop() {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.flush().catch(() => {});
  }

  /** Whether the periodic writes run (a writer not started only writes when flushed). */
  protected get started(): boolean {
    return this.timer !== null;
  }

  /** Writes what is waiting; a call during a write joins it. */
  flush(): Promise<void> {
    this.flushing ??= this.write().finally(() => {
      this.flushing = null;
    });
    return this.flushing;
  }

  protected abstract write(): Promise<void>;
}

/** A row whose token (or account) was deleted meanwhile: it has nowhere to go, so it is dropped. */
export function isForeignKeyViolation(error: unknown): boolean {
  const codeOf = (e: unknown) => (e as { code?: string } | undefined)?.code;
  return codeOf(error) === "23503" || codeOf((error as { cause?: unknown })?.cause) === "23503";
}
