import { availableParallelism } from "node:os";
import { describe, expect, it } from "vitest";
import { parseEnv } from "./env";

describe("parseEnv", () => {
  it("refuses to start production without AUTH_SECRET", () => {
    expect(() => parseEnv({ NODE_ENV: "production" })).toThrow(/AUTH_SECRET is required in production/);
  });

  it("accepts production with a long enough secret", () => {
    const env = parseEnv({ NODE_ENV: "production", AUTH_SECRET: "x".repeat(43) });
    expect(env.AUTH_SECRET).toHaveLength(43);
  });

  it("rejects a short secret and a non-postgres DATABASE_URL", () => {
    expect(() => parseEnv({ NODE_ENV: "development", AUTH_SECRET: "short" })).toThrow(/at least 32/);
    expect(() => parseEnv({ NODE_ENV: "development", DATABASE_URL: "mysql://x" })).toThrow(/postgres:\/\//);
  });

  it("uses embedded PGlite in a local folder when DATABASE_URL is unset", () => {
    const env = parseEnv({ NODE_ENV: "development" });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.PGLITE_DIR).toBe(".data/pglite");
  });

  it("sizes the database pool from the CPU count (at least 2) unless DATABASE_POOL_SIZE says otherwise", () => {
    expect(parseEnv({ NODE_ENV: "development" }).DATABASE_POOL_SIZE).toBe(Math.max(2, Math.min(availableParallelism(), 10)));
    expect(parseEnv({ NODE_ENV: "development", DATABASE_POOL_SIZE: "6" }).DATABASE_POOL_SIZE).toBe(6);
    expect(() => parseEnv({ NODE_ENV: "development", DATABASE_POOL_SIZE: "1" })).toThrow(/at least 2/);
    expect(() => parseEnv({ NODE_ENV: "development", DATABASE_POOL_SIZE: "many" })).toThrow();
  });
});

describe("parseEnv during next build", () => {
  it("does not demand AUTH_SECRET while building", () => {
    expect(() => parseEnv({ NODE_ENV: "production", NEXT_PHASE: "phase-production-build" })).not.toThrow();
  });
});
