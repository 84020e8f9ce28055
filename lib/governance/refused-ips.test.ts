import { describe, expect, it } from "vitest";
import { RefusedIpRecorder } from "./refused-ips";

// Refused IPs wait in memory under a bound; a failed write puts them back within it.

const MAX_PENDING_KEYS = 10_000;

class FailingRefusals extends RefusedIpRecorder {
  during = () => {};
  protected override async send() {
    this.during();
    throw new Error("connection lost");
  }
  get waiting() {
    return this.pending;
  }
}

const token = { id: "token", accountId: "account" };
const at = Date.UTC(2026, 0, 1);

describe("RefusedIpRecorder", () => {
  it("keeps at most its bound of addresses when a failed write is put back, merging repeats", async () => {
    const recorder = new FailingRefusals();
    for (let i = 0; i < MAX_PENDING_KEYS; i++) recorder.record(token, `10.0.${i >> 8}.${i & 255}`, at);
    recorder.during = () => {
      recorder.record(token, "10.0.0.0", at + 5_000);
      for (let i = 0; i < MAX_PENDING_KEYS; i++) recorder.record(token, `10.1.${i >> 8}.${i & 255}`, at);
    };
    await expect(recorder.flush()).rejects.toThrow("connection lost");
    expect(recorder.waiting.size).toBe(MAX_PENDING_KEYS);
    expect(recorder.waiting.get("token|account|2026-01-01|10.0.0.0")).toEqual({ count: 2, last: at + 5_000 });
  });
});
