import { describe, expect, it } from "vitest";
import { failEveryWrite } from "@/test/failing-writer";
import { UsageRecorder } from "./usage";

// Usage counts wait in memory under a bound; a failed write puts them back within it
// (the write itself is the database's and tested in api.test.ts).

const MAX_PENDING_KEYS = 50_000;

const token = (i: number) => ({ id: `token-${i}`, accountId: "account" });

describe("UsageRecorder", () => {
  it("keeps at most its bound of counts when a failed write is put back, the failed ones first", async () => {
    const recorder = new UsageRecorder();
    const at = Date.UTC(2026, 0, 1);
    for (let i = 0; i < MAX_PENDING_KEYS; i++) recorder.record(token(i), "allowed", null, at);
    const waiting = failEveryWrite(recorder, () => {
      recorder.record(token(0), "allowed", null, at);
      for (let i = MAX_PENDING_KEYS; i < 2 * MAX_PENDING_KEYS; i++) recorder.record(token(i), "allowed", null, at);
    });
    await expect(recorder.flush()).rejects.toThrow("connection lost");
    expect(waiting().size).toBe(MAX_PENDING_KEYS);
    expect(waiting().get("token-0|account|2026-01-01|allowed")).toBe(2);
  });
});
