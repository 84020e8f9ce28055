import { processSingleton } from "@/db/process-singleton";
import { describeError } from "@/lib/error-log";
import { log } from "@/lib/log";

/**
 * A periodic job: first run `firstRunMs` after start, then `everyMs` after each run ends.
 * `stopping` is aborted at shutdown: a long run (one that loops over batches) ends after its
 * current batch instead of starting another.
 */
export interface Job {
  name: string;
  everyMs: number;
  firstRunMs: number;
  run: (stopping: AbortSignal) => Promise<unknown>;
}

/**
 * The server's periodic jobs, each on its own timer. Timers are unref'd (a job never keeps the
 * process alive) and the next run is planned only when one ends, so a slow run never overlaps
 * itself. A failed run is logged as describeError keeps it (never a query's values) and the job
 * simply runs again at its next time.
 */
export class JobRunner {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly inFlight = new Set<Promise<void>>();
  private started = false;
  private stopping = new AbortController();

  start(jobs: readonly Job[]) {
    if (this.started) return;
    this.started = true;
    this.stopping = new AbortController();
    for (const job of jobs) this.plan(job, job.firstRunMs);
  }

  /** Cancels every planned run, tells the ones in flight, and waits for them (shutdown). */
  async stop() {
    this.started = false;
    this.stopping.abort();
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    await Promise.all(this.inFlight);
  }

  private plan(job: Job, delayMs: number) {
    const timer = setTimeout(() => {
      const run = job
        .run(this.stopping.signal)
        .then(() => undefined)
        .catch((error: unknown) => log.warn({ job: job.name, error: describeError(error) }, "periodic job failed; it runs again at its next time"))
        .finally(() => {
          this.inFlight.delete(run);
          if (this.started) this.plan(job, job.everyMs);
        });
      this.inFlight.add(run);
    }, delayMs);
    timer.unref();
    this.timers.set(job.name, timer);
  }
}

export const periodicJobs = processSingleton("periodic-jobs", () => new JobRunner());
