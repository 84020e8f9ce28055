import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { log } from "@/lib/log";
import { JobRunner, type Job } from "./jobs";

const MINUTE = 60_000;

describe("periodic jobs", () => {
  let runner: JobRunner;
  beforeEach(() => {
    vi.useFakeTimers();
    runner = new JobRunner();
  });
  afterEach(async () => {
    await runner.stop();
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  const job = (overrides: Partial<Job> = {}): Job => ({ name: "test job", everyMs: MINUTE, firstRunMs: 1_000, run: vi.fn(async () => {}), ...overrides });

  it("runs first after its delay, then each interval after a run ends: a slow run never overlaps itself", async () => {
    let finish = () => {};
    const run = vi.fn(() => new Promise<void>((resolve) => (finish = resolve)));
    runner.start([job({ run })]);
    await vi.advanceTimersByTimeAsync(999);
    expect(run).toHaveBeenCalledTimes(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(run).toHaveBeenCalledTimes(1);
    // Still running three intervals later: no second run starts.
    await vi.advanceTimersByTimeAsync(3 * MINUTE);
    expect(run).toHaveBeenCalledTimes(1);
    finish();
    await vi.advanceTimersByTimeAsync(MINUTE - 1);
    expect(run).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(run).toHaveBeenCalledTimes(2);
    finish();
  });

  it("a failed run is logged by job name without the query's values, and the job runs again", async () => {
    const warn = vi.spyOn(log, "warn").mockImplementation(() => {});
    const failure = Object.assign(new Error("Failed query: select 1\nparams: hub_act_secretvalue"), { query: "select 1", params: ["hub_act_secretvalue"] });
    const run = vi.fn().mockRejectedValueOnce(failure).mockResolvedValue(undefined);
    runner.start([job({ run, firstRunMs: 0 })]);
    await vi.advanceTimersByTimeAsync(0);
    expect(warn).toHaveBeenCalledTimes(1);
    const logged = JSON.stringify(warn.mock.calls[0]);
    expect(logged).toContain("test job");
    expect(logged).toContain("select 1");
    expect(logged).not.toContain("hub_act_secretvalue");
    await vi.advanceTimersByTimeAsync(MINUTE);
    expect(run).toHaveBeenCalledTimes(2);
  });

  it("stop() waits for a run in flight and cancels the next; start() twice plans each job once", async () => {
    let finish = () => {};
    const run = vi.fn(() => new Promise<void>((resolve) => (finish = resolve)));
    const other = vi.fn(async () => {});
    const jobs = [job({ run, firstRunMs: 0 }), job({ name: "other", run: other, firstRunMs: 5_000 })];
    runner.start(jobs);
    runner.start(jobs);
    await vi.advanceTimersByTimeAsync(0);
    expect(run).toHaveBeenCalledTimes(1);
    let stopped = false;
    const stopping = runner.stop().then(() => (stopped = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(stopped).toBe(false);
    finish();
    await stopping;
    await vi.advanceTimersByTimeAsync(10 * MINUTE);
    expect(run).toHaveBeenCalledTimes(1);
    expect(other).not.toHaveBeenCalled();
  });

  it("stop() tells a run in flight (a job looping over batches ends after its current one)", async () => {
    let finish = () => {};
    let seen: AbortSignal | undefined;
    const run = vi.fn((stopping: AbortSignal) => ((seen = stopping), new Promise<void>((resolve) => (finish = resolve))));
    runner.start([job({ run, firstRunMs: 0 })]);
    await vi.advanceTimersByTimeAsync(0);
    expect(seen?.aborted).toBe(false);
    const stopping = runner.stop();
    expect(seen?.aborted).toBe(true);
    finish();
    await stopping;
    // Started again (tests reuse a runner): its runs get a fresh signal.
    runner.start([job({ run, firstRunMs: 0 })]);
    await vi.advanceTimersByTimeAsync(0);
    expect(seen?.aborted).toBe(false);
    finish();
  });
});

it("its timers never keep the process alive", async () => {
  const setTimeoutSpy = vi.spyOn(globalThis, "setTimeout");
  const runner = new JobRunner();
  runner.start([{ name: "idle", everyMs: MINUTE, firstRunMs: MINUTE, run: async () => {} }]);
  const timer = setTimeoutSpy.mock.results.at(-1)!.value as NodeJS.Timeout;
  expect(timer.hasRef()).toBe(false);
  await runner.stop();
  setTimeoutSpy.mockRestore();
});
