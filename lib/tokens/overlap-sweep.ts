import { processSingleton } from "@/db/process-singleton";
import { clock } from "@/lib/clock";
import { log } from "@/lib/log";
import { closeEndedOverlaps } from "./overlap-end";

const EVERY_MS = 60_000;

/**
 * Started by the server process (outside Next, so no "server-only"). Records, within about a minute, the overlaps that ran to their end (History's "Old token
 * ended"). Correctness never waits on it: the old secret is refused by the clock at the end.
 */
class OverlapSweep {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  start() {
    this.timer ??= setInterval(() => void this.run(), EVERY_MS);
    this.timer.unref();
    void this.run();
  }

  async stop() {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** Closes every ended overlap, a batch at a time; a failure waits for the next round. */
  run(): Promise<void> {
    this.running ??= (async () => {
      try {
        while ((await closeEndedOverlaps(new Date(clock.now()))) > 0);
      } catch (error) {
        log.warn({ error: (error as Error).message }, "closing ended overlaps failed; retrying in a minute");
      } finally {
        this.running = null;
      }
    })();
    return this.running;
  }
}

export const overlapSweep = processSingleton("overlap-sweep", () => new OverlapSweep());
