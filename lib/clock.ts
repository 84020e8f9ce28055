import { readFileSync, watchFile } from "node:fs";
import { env } from "@/lib/env";

/**
 * The one clock for token lifetimes. Expiry and the end of a reset's overlap are decided by it
 * when a token is used or counted (no job is needed for correctness), so tests move
 * it instead of sleeping: Vitest replaces `clock.now`; an end-to-end journey, which drives a
 * separate server process, writes milliseconds to add to the real time into the file named by
 * HUB_TEST_CLOCK_FILE, which that process re-reads when it changes. Nothing else sets it.
 */
const offsetFile = env.HUB_TEST_CLOCK_FILE;
let offsetMs = 0;

function readOffset(file: string) {
  try {
    const value = Number(readFileSync(file, "utf8").trim() || "0");
    offsetMs = Number.isFinite(value) ? value : 0;
  } catch {
    offsetMs = 0;
  }
}

if (offsetFile) {
  readOffset(offsetFile);
  watchFile(offsetFile, { interval: 50 }, () => readOffset(offsetFile)).unref();
  console.warn(`HUB_TEST_CLOCK_FILE is set: this process's token clock follows ${offsetFile} (tests only)`);
}

export const clock = { now: (): number => Date.now() + offsetMs };
