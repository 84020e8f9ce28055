import { describe, expect, it } from "vitest";
import { DatabaseBreaker, isConnectionFailure } from "./database-breaker";

const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });

describe("isConnectionFailure", () => {
  it("recognises unreachable servers, dropped connections and shutdowns, also as a cause", () => {
    expect(isConnectionFailure(refused)).toBe(true);
    expect(isConnectionFailure(new Error("Failed query: select …", { cause: refused }))).toBe(true);
    expect(isConnectionFailure(Object.assign(new Error("write CONNECTION_CLOSED"), { code: "CONNECTION_CLOSED" }))).toBe(true);
    expect(isConnectionFailure(Object.assign(new Error("terminating connection"), { code: "57P01" }))).toBe(true);
    expect(isConnectionFailure(Object.assign(new Error("connection failure"), { code: "08006" }))).toBe(true);
  });

  it("does not mistake query errors or bugs for an outage", () => {
    expect(isConnectionFailure(Object.assign(new Error("duplicate key"), { code: "23505" }))).toBe(false);
    expect(isConnectionFailure(new TypeError("x is undefined"))).toBe(false);
    expect(isConnectionFailure(undefined)).toBe(false);
  });
});

describe("DatabaseBreaker", () => {
  const setup = () => {
    const clock = { now: 0 };
    return { clock, breaker: new DatabaseBreaker(() => clock.now) };
  };

  it("lets everything through while the database answers", () => {
    const { breaker } = setup();
    for (let i = 0; i < 3; i++) {
      expect(breaker.admit()).toBe(true);
      breaker.settle("reached");
    }
  });

  it("refuses at once after a connection failure, then lets one probe through at a time", () => {
    const { clock, breaker } = setup();
    expect(breaker.admit()).toBe(true);
    breaker.settle({ error: refused });
    expect(breaker.admit()).toBe(false);
    clock.now = 249;
    expect(breaker.admit()).toBe(false);
    clock.now = 250;
    expect(breaker.admit()).toBe(true); // the probe
    expect(breaker.admit()).toBe(false); // others wait for its answer
    breaker.settle({ error: refused });
    clock.now = 400;
    expect(breaker.admit()).toBe(false);
    clock.now = 500;
    expect(breaker.admit()).toBe(true);
    breaker.settle("reached");
    expect(breaker.admit()).toBe(true);
    expect(breaker.admit()).toBe(true);
  });

  it("lets the next request probe when a probe never needed the database", () => {
    const { clock, breaker } = setup();
    breaker.settle({ error: refused });
    clock.now = 300;
    expect(breaker.admit()).toBe(true);
    breaker.settle("skipped");
    expect(breaker.admit()).toBe(true);
  });

  it("stays closed on errors that are not about reaching the database", () => {
    const { breaker } = setup();
    breaker.settle({ error: new TypeError("bug") });
    expect(breaker.admit()).toBe(true);
  });
});
