import { clock } from "@/lib/clock";
import { closeEndedOverlaps } from "./write/overlap-end";

/**
 * Run every minute by the server process's periodic jobs (outside Next, so no "server-only"):
 * records, within about a minute, the overlaps that ran to their end (History's "Old token
 * ended"). Correctness never waits on it: the old secret is refused by the clock at the end.
 * Closes every ended overlap, a batch at a time; returns how many.
 */
export async function sweepEndedOverlaps(): Promise<number> {
  let closed = 0;
  for (;;) {
    const batch = await closeEndedOverlaps(new Date(clock.now()));
    if (batch === 0) return closed;
    closed += batch;
  }
}
