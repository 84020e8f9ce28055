import { describe, expect, it } from "vitest";
import { parseEnv } from "./env";
import { logLevelOf } from "./log-level";

describe("the logger's level", () => {
  it("is LOG_LEVEL when it names a level, info when unset", () => {
    expect(logLevelOf({})).toBe("info");
    expect(logLevelOf({ LOG_LEVEL: "debug" })).toBe("debug");
    expect(logLevelOf({ LOG_LEVEL: "silent" })).toBe("silent");
  });

  it("is info for an unknown level, which lib/env.ts then refuses in one line", () => {
    expect(logLevelOf({ LOG_LEVEL: "verbose" })).toBe("info");
    expect(() => parseEnv({ NODE_ENV: "development", LOG_LEVEL: "verbose" })).toThrow(/^Invalid environment: LOG_LEVEL: /);
  });
});
