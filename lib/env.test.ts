import { availableParallelism } from "node:os";
import { describe, expect, it } from "vitest";
import { parseEnv } from "./env";

describe("parseEnv", () => {
  it("refuses to start production without AUTH_SECRET", () => {
    expect(() => parseEnv({ NODE_ENV: "production" })).toThrow(/AUTH_SECRET is required in production/);
  });

  it("accepts production with a long enough secret", () => {
    const env = parseEnv({ NODE_ENV: "production", AUTH_SECRET: "x".repeat(43), DATABASE_URL: "postgres://hub@db:5432/hub" });
    expect(env.AUTH_SECRET).toHaveLength(43);
  });

  it("refuses production on the embedded database unless HUB_EMBEDDED_DATABASE=allow, and says what to set", () => {
    const secret = { NODE_ENV: "production" as const, AUTH_SECRET: "x".repeat(43) };
    expect(() => parseEnv(secret)).toThrow(/DATABASE_URL: production needs a PostgreSQL server: set DATABASE_URL=postgres:.*HUB_EMBEDDED_DATABASE=allow/);
    expect(() => parseEnv({ ...secret, DATABASE_URL: " " })).toThrow(/production needs a PostgreSQL server/);
    expect(() => parseEnv({ ...secret, HUB_EMBEDDED_DATABASE: "yes" })).toThrow(/may only be "allow"/);
    expect(parseEnv({ ...secret, HUB_EMBEDDED_DATABASE: "allow" }).DATABASE_URL).toBeUndefined();
    expect(() => parseEnv({ NODE_ENV: "development" }), "development keeps its zero set-up").not.toThrow();
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

  it("opens no metrics listener unless METRICS_PORT is set, and never on the public port", () => {
    expect(parseEnv({ NODE_ENV: "development" }).METRICS_PORT).toBeUndefined();
    expect(parseEnv({ NODE_ENV: "development", METRICS_PORT: "" }).METRICS_PORT).toBeUndefined();
    const env = parseEnv({ NODE_ENV: "development", METRICS_PORT: "9464" });
    expect([env.METRICS_PORT, env.METRICS_HOST]).toEqual([9464, "127.0.0.1"]);
    expect(() => parseEnv({ NODE_ENV: "development", PORT: "3000", METRICS_PORT: "3000" })).toThrow(/METRICS_PORT must differ from PORT/);
    expect(() => parseEnv({ NODE_ENV: "development", METRICS_PORT: "metrics" })).toThrow(/METRICS_PORT/);
  });
});

describe("test switches in production", () => {
  const production = { NODE_ENV: "production" as const, AUTH_SECRET: "x".repeat(43), DATABASE_URL: "postgres://hub@db:5432/hub" };

  it.each([
    ["HUB_TEST_CLOCK_FILE", "/tmp/clock"],
    ["WEBHOOKS_ALLOW_LOOPBACK", "true"],
  ])("refuses to start with %s set, saying why and what a test sets", (name, value) => {
    expect(() => parseEnv({ ...production, [name]: value })).toThrow(new RegExp(`${name}: .*test switch.*production.*HUB_TEST_SWITCHES=allow`));
    expect(() => parseEnv({ ...production, [name]: value, HUB_TEST_SWITCHES: "yes" })).toThrow(/HUB_TEST_SWITCHES/);
    expect(parseEnv({ ...production, [name]: value, HUB_TEST_SWITCHES: "allow" })[name as "HUB_TEST_CLOCK_FILE"]).toBe(value);
  });

  it("leaves development, tests and the build alone", () => {
    const switches = { HUB_TEST_CLOCK_FILE: "/tmp/clock", WEBHOOKS_ALLOW_LOOPBACK: "true" };
    expect(() => parseEnv({ NODE_ENV: "development", ...switches })).not.toThrow();
    expect(() => parseEnv({ NODE_ENV: "test", ...switches })).not.toThrow();
    expect(() => parseEnv({ NODE_ENV: "production", NEXT_PHASE: "phase-production-build", ...switches })).not.toThrow();
  });
});

describe("parseEnv during next build", () => {
  it("does not demand AUTH_SECRET while building", () => {
    expect(() => parseEnv({ NODE_ENV: "production", NEXT_PHASE: "phase-production-build" })).not.toThrow();
  });
});
