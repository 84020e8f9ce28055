import { describe, expect, it } from "vitest";
import { BatchedMapWriter } from "./batched-writer";

// The template every batched writer shares: take the waiting map, send it, and on failure put it
// back in front of what arrived meanwhile, merged and within the bound, unless it can never be written.

const foreignKey = Object.assign(new Error("insert violates foreign key constraint"), { code: "23503" });

/** Counts per key, at most `max` keys; `during` runs while a write is on its way (requests meanwhile). */
class Counter extends BatchedMapWriter<number> {
  sent: Map<string, number>[] = [];
  overflowed = 0;
  failWith: Error | null = null;
  during = () => {};

  constructor(private max: number) {
    super(60_000, max);
  }

  add(key: string, n = 1) {
    if (this.pending.size < this.max || this.pending.has(key)) this.pending.set(key, (this.pending.get(key) ?? 0) + n);
  }

  get waiting() {
    return Object.fromEntries(this.pending);
  }

  protected async send(batch: Map<string, number>) {
    this.during();
    if (this.failWith) throw this.failWith;
    this.sent.push(new Map(batch));
  }

  protected merge(older: number, newer: number) {
    return older + newer;
  }

  protected override overflow(n: number) {
    this.overflowed += n;
  }
}

describe("BatchedMapWriter", () => {
  it("sends what waits once, and nothing when nothing waits", async () => {
    const writer = new Counter(3);
    writer.add("a");
    writer.add("a");
    await writer.flush();
    await writer.flush();
    expect(writer.sent).toEqual([new Map([["a", 2]])]);
    expect(writer.waiting).toEqual({});
  });

  it("puts a failed batch back in front of what arrived meanwhile, merged, and never past the bound", async () => {
    const writer = new Counter(3);
    ["a", "b", "c"].forEach((k) => writer.add(k));
    writer.failWith = new Error("connection lost");
    writer.during = () => {
      writer.add("a", 5); // merges with the failed batch's "a"
      writer.add("d"); // new keys: no room once the failed batch is back
      writer.add("e", 2);
    };
    await expect(writer.flush()).rejects.toThrow("connection lost");
    expect(writer.waiting).toEqual({ a: 6, b: 1, c: 1 });
    expect(writer.overflowed).toBe(3);

    // The next write sends all of it.
    writer.failWith = null;
    writer.during = () => {};
    await writer.flush();
    expect(writer.sent).toEqual([new Map([["a", 6], ["b", 1], ["c", 1]])]);
  });

  it("drops a batch that can never be written (its token deleted meanwhile), keeping what arrived since", async () => {
    const writer = new Counter(3);
    writer.add("gone");
    writer.failWith = foreignKey;
    writer.during = () => writer.add("later");
    await expect(writer.flush()).rejects.toBe(foreignKey);
    expect(writer.waiting).toEqual({ later: 1 });
  });
});
