import { afterEach, describe, expect, it, vi } from "vitest";
import { Heartbeat } from "./listener-heartbeat";

afterEach(() => vi.useRealTimers());

/** A LISTEN connection, simulated: it echoes each NOTIFY back while `delivering`. */
function simulatedListener() {
  const state = { delivering: true, sent: 0, dead: 0 };
  const heartbeat: Heartbeat = new Heartbeat(
    async (payload) => {
      state.sent++;
      if (state.delivering) setTimeout(() => heartbeat.received(payload), 5);
    },
    () => state.dead++,
  );
  return { state, heartbeat };
}

describe("the LISTEN connection's heartbeat", () => {
  it("keeps a delivering connection alive, and declares one that stops delivering dead within ~3 s", () => {
    vi.useFakeTimers();
    const { state, heartbeat } = simulatedListener();
    heartbeat.start();
    vi.advanceTimersByTime(60_000);
    expect(state.dead).toBe(0);
    expect(state.sent).toBeGreaterThanOrEqual(59);

    state.delivering = false;
    vi.advanceTimersByTime(2_500);
    expect(state.dead).toBe(0);
    vi.advanceTimersByTime(2_000);
    expect(state.dead).toBe(1);
    // Once dead it stops: reconnecting is the listener's job.
    vi.advanceTimersByTime(10_000);
    expect(state.dead).toBe(1);
  });

  it("tells heartbeats (its own and other instances') from token notifications", () => {
    const heartbeat = new Heartbeat(async () => {}, () => {});
    expect(heartbeat.received("heartbeat:someone-else")).toBe(true);
    expect(heartbeat.received("5b0f8a3e-2d6f-4c1e-9d7a-0c1e2f3a4b5c")).toBe(false);
  });
});
