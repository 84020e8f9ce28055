import { describe, expect, it } from "vitest";
import { UsageRecorder } from "./usage";

// Usage counts wait in memory under a bound; a failed write puts them back within it
// (the write itself is the database's and tested in api.test.ts).

const MAX_PENDING_KEYS = 50_000;

/** A recorder whose count write fails while `during` records more (requests meanwhile). */
class FailingUsage extends UsageRecorder {
  during = () => {};
  protected override async send() {
    this.during();
    throw new Error("connection lost");
  }
  get waiting() {
    return this.pending;
  }
}

const token = (i: number) => ({ id: `token-${i}`, accountId: "account" });

describe("UsageRecorder", () => {
  it("keeps at most its bound of counts when a failed write is put back, the failed ones first", async () => {
    const recorder = new FailingUsage();
    const at = Date.UTC(2026, 0, 1);
    for (let i = 0; i < MAX_PENDING_KEYS; i++) recorder.record(token(i), "allowed", null, at);
    recorder.during = () => {
      recorder.record(token(0), "allowed", null, at);
      for (let i = MAX_PENDING_KEYS; i < 2 * MAX_PENDING_KEYS; i++) recorder.record(token(i), "allowed", null, at);
    };
    await expect(recorder.flush()).rejects.toThrow("connection lost");
    expect(recorder.waiting.size).toBe(MAX_PENDING_KEYS);
    expect(recorder.waiting.get("token-0|account|2026-01-01|allowed")).toBe(2);
  });
});
