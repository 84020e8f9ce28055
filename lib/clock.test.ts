import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";

describe("HUB_TEST_CLOCK_FILE", () => {
  const folder = mkdtempSync(join(tmpdir(), "hub-clock-test-"));
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  it("unset: the clock is the real time", async () => {
    vi.stubEnv("HUB_TEST_CLOCK_FILE", "");
    const { clock } = await import("./clock");
    expect(Math.abs(clock.now() - Date.now())).toBeLessThan(50);
  });

  it("set: the clock adds the file's milliseconds and follows the file when it changes", async () => {
    const file = join(folder, "offset");
    writeFileSync(file, String(31 * 86_400_000));
    vi.stubEnv("HUB_TEST_CLOCK_FILE", file);
    vi.spyOn(console, "warn").mockImplementation(() => {});
    const { clock } = await import("./clock");
    expect(clock.now() - Date.now()).toBeGreaterThanOrEqual(31 * 86_400_000 - 50);
    // Written until seen: the watcher's first look at the file may come after a single write.
    await vi.waitFor(
      () => {
        writeFileSync(file, "not a number");
        expect(Math.abs(clock.now() - Date.now())).toBeLessThan(50);
      },
      { timeout: 2_000 },
    );
    rmSync(folder, { recursive: true, force: true });
  });
});
