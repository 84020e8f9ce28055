import { describe, expect, it } from "vitest";
import { MemoryCustomerDays, type CustomerDays } from "./customer-days";
import { DailyProfileLimit } from "./profile-limit";

const DAY = 86_400_000;
const token = (dailyProfileLimit: number | null, id = "t1") => ({ id, dailyProfileLimit });

/** A shared store that can be switched off, as Redis going away. */
class Switchable implements CustomerDays {
  up = true;
  calls = 0;
  private inner = new MemoryCustomerDays(() => this.at());
  constructor(private at: () => number) {}
  admit(...args: Parameters<CustomerDays["admit"]>) {
    return this.ask(() => this.inner.admit(...args));
  }
  count(key: string) {
    return this.ask(() => this.inner.count(key));
  }
  private ask<T>(work: () => Promise<T>): Promise<T> {
    this.calls++;
    return this.up ? work() : Promise.reject(new Error("Connection is closed."));
  }
}

describe("DailyProfileLimit", () => {
  it("starts afresh at midnight UTC, and says how long until then", async () => {
    let now = 10 * DAY + DAY - 90_000; // 23:58:30 UTC
    const limit = new DailyProfileLimit(null, () => now);
    expect(await limit.admit(token(1), "p1")).toEqual({ ok: true });
    expect(await limit.admit(token(1), "p2")).toEqual({ ok: false, limit: 1, retryAfterSeconds: 90 });
    now += 90_000;
    expect(await limit.admit(token(1), "p2")).toEqual({ ok: true });
    // Yesterday's customer is a new one today.
    expect((await limit.admit(token(1), "p1")).ok).toBe(false);
    expect(await limit.customersToday("t1")).toBe(1);
  });

  it("asks the shared store once per customer and day: a customer let in before costs no round trip", async () => {
    const shared = new Switchable(Date.now);
    const limit = new DailyProfileLimit(shared);
    for (let i = 0; i < 100; i++) expect((await limit.admit(token(5), "p1")).ok).toBe(true);
    expect(shared.calls).toBe(1);
  });

  it("keeps limiting in memory from the last shared count while the store fails, and is back on it after", async () => {
    const shared = new Switchable(Date.now);
    const limit = new DailyProfileLimit(shared);
    for (const p of ["p1", "p2"]) expect((await limit.admit(token(3), p)).ok).toBe(true);
    shared.up = false;
    // 2 counted in Redis: one more place, not a fresh 3.
    expect((await limit.admit(token(3), "p3")).ok).toBe(true);
    expect((await limit.admit(token(3), "p4")).ok).toBe(false);
    expect((await limit.admit(token(3), "p1")).ok).toBe(true);
    expect(await limit.customersToday("t1")).toBe(3);
    shared.up = true;
    expect((await limit.admit(token(3), "p5")).ok).toBe(true);
    expect((await limit.admit(token(3), "p6")).ok).toBe(false);
  });

  it("refuses answers that return nobody only once the day's limit is reached; a token without a limit is never refused", async () => {
    const limit = new DailyProfileLimit(null);
    expect((await limit.refuseWhenFull(token(1))).ok).toBe(true);
    await limit.admit(token(1), "p1");
    expect((await limit.refuseWhenFull(token(1))).ok).toBe(false);
    expect((await limit.refuseWhenFull(token(2))).ok).toBe(true);
    expect((await limit.admit(token(null), "p9")).ok).toBe(true);
  });
});
