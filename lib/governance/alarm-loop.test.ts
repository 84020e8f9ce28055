import { randomUUID } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { AccessLogRecorder } from "./access-log";
import { EnumerationAlarm } from "./enumeration-alarm";

// The access-log writer never waits for the enumeration alarm: checks run on a loop of their
// own, one per token however many writes asked for it (issue 27, items 7 and 10).

/** The writer with its database write replaced by a counter. */
class CountingRecorder extends AccessLogRecorder {
  sends = 0;
  protected override async send() {
    this.sends++;
  }
}

const token = () => ({ id: randomUUID(), accountId: randomUUID(), exposedAttributes: [] });
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

describe("alarm checks off the writer's path", () => {
  it("slow checks for many tokens do not hold back the next write, and a token waiting for a check is checked once", async () => {
    const alarm = new EnumerationAlarm();
    // Each check takes 200 ms (a busy database): 20 tokens would hold a waiting writer for 4 s.
    const look = vi.spyOn(alarm as unknown as { look: (s: { tokenId: string }) => Promise<void> }, "look").mockImplementation(async () => {
      await sleep(200);
    });
    const recorder = new CountingRecorder(alarm);
    const tokens = Array.from({ length: 20 }, token);
    for (const t of tokens) recorder.record(t, "127.0.0.1", "email", "guess@example.test", "none");
    void recorder.flush();
    await expect.poll(() => look.mock.calls.length, { timeout: 1_000, interval: 5 }).toBeGreaterThan(0);

    // While the first checks run, three more writes, each with a miss of the same token.
    const repeat = token();
    const started = performance.now();
    for (let i = 1; i <= 3; i++) {
      recorder.record(repeat, "127.0.0.1", "email", `guess-${i}@example.test`, "none");
      void recorder.flush();
      // The write itself (send) is what must not wait.
      await expect.poll(() => recorder.sends, { timeout: 1_000, interval: 5 }).toBe(1 + i);
    }
    expect(performance.now() - started).toBeLessThan(1_000);

    // flush() still waits for the checks it queued (tests, shutdown).
    await recorder.flush();
    const looked = look.mock.calls.map(([summary]) => summary.tokenId);
    expect(looked.filter((id) => id === repeat.id)).toHaveLength(1);
    expect(new Set(looked)).toEqual(new Set([...tokens.map((t) => t.id), repeat.id]));
  });
});
