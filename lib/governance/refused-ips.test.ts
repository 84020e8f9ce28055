import { describe, expect, it } from "vitest";
import { failEveryWrite } from "@/test/failing-writer";
import { RefusedIpRecorder } from "./refused-ips";

// Refused IPs wait in memory under a bound; a failed write puts them back within it.

const MAX_PENDING_KEYS = 10_000;

const token = { id: "token", accountId: "account" };
const at = Date.UTC(2026, 0, 1);

describe("RefusedIpRecorder", () => {
  it("keeps at most its bound of addresses when a failed write is put back, merging repeats", async () => {
    const recorder = new RefusedIpRecorder();
    for (let i = 0; i < MAX_PENDING_KEYS; i++) recorder.record(token, `10.0.${i >> 8}.${i & 255}`, at);
    const waiting = failEveryWrite(recorder, () => {
      recorder.record(token, "10.0.0.0", at + 5_000);
      for (let i = 0; i < MAX_PENDING_KEYS; i++) recorder.record(token, `10.1.${i >> 8}.${i & 255}`, at);
    });
    await expect(recorder.flush()).rejects.toThrow("connection lost");
    expect(waiting().size).toBe(MAX_PENDING_KEYS);
    expect(waiting().get("token|account|2026-01-01|10.0.0.0")).toEqual({ count: 2, last: at + 5_000 });
  });
});
