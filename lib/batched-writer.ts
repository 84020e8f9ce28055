/**
 * What the API notes on its hot path and writes later, in batches (usage counts, the access log,
 * refused client IPs): kept in memory on the request's path, written every `everyMs`, on demand,
 * and once more on stop. One write runs at a time; a failed write keeps what it could not write
 * (BatchedMapWriter below) and is retried at the next tick.
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

/**
 * A BatchedWriter whose waiting entries are a map of at most `maxPending` keys. A write takes the
 * map (requests meanwhile fill a fresh one), sends it, and when that fails puts it back in front
 * of what arrived meanwhile, still within the bound, unless the batch can never be written (a
 * foreign-key error). Subclasses say only how to send a batch and how two entries of one key merge.
 */
export abstract class BatchedMapWriter<V> extends BatchedWriter {
  /** Written to by the subclass's `record` on the request's path: under `maxPending` keys. */
  protected pending = new Map<string, V>();

  constructor(
    everyMs: number,
    private readonly maxPending: number,
  ) {
    super(everyMs);
  }

  /** No room for another key: a subclass's `record` adds to the keys it holds, and drops (or counts) new ones. */
  protected get full(): boolean {
    return this.pending.size >= this.maxPending;
  }

  /** Sends what waits; returns the batch it wrote, or null when nothing waited. */
  protected async writePending(): Promise<Map<string, V> | null> {
    const batch = this.pending;
    if (batch.size === 0) return null;
    this.pending = new Map();
    try {
      await this.send(batch);
    } catch (error) {
      if (!isForeignKeyViolation(error)) this.restore(batch);
      throw error;
    }
    return batch;
  }

  protected async write() {
    await this.writePending();
  }

  /** Writes one batch; throws when it could not. */
  protected abstract send(batch: Map<string, V>): Promise<void>;

  /** One key's entries combined: the older one's from a failed batch, the newer one's since. */
  protected abstract merge(older: V, newer: V): V;

  /** An entry that no longer fits when a failed batch is put back: dropped (a subclass may count it). */
  protected overflow(_entry: V): void {}

  /** Puts an unwritten batch back in front of what arrived meanwhile, merging shared keys, within the bound. */
  private restore(unwritten: Map<string, V>) {
    for (const [key, entry] of this.pending) {
      const older = unwritten.get(key);
      if (older !== undefined) unwritten.set(key, this.merge(older, entry));
      else if (unwritten.size < this.maxPending) unwritten.set(key, entry);
      else this.overflow(entry);
    }
    this.pending = unwritten;
  }
}

/** A row whose token (or account) was deleted meanwhile: it has nowhere to go, so it is dropped. */
export function isForeignKeyViolation(error: unknown): boolean {
  const codeOf = (e: unknown) => (e as { code?: string } | undefined)?.code;
  return codeOf(error) === "23503" || codeOf((error as { cause?: unknown })?.cause) === "23503";
}
