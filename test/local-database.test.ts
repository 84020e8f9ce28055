import { describe, expect, it } from "vitest";
import { assertLocalDatabase } from "./local-database";

describe("assertLocalDatabase", () => {
  it("allows PGlite and loopback servers", () => {
    expect(() => assertLocalDatabase(undefined)).not.toThrow();
    expect(() => assertLocalDatabase("postgres://u:p@127.0.0.1:5432/db")).not.toThrow();
    expect(() => assertLocalDatabase("postgres://u:p@localhost/db")).not.toThrow();
    expect(() => assertLocalDatabase("postgres://u:p@[::1]:5432/db")).not.toThrow();
  });

  it("refuses anything else", () => {
    expect(() => assertLocalDatabase("postgres://u:p@db.prod.internal/db")).toThrow(/non-local/);
    expect(() => assertLocalDatabase("postgres://u:p@10.0.0.5/db")).toThrow(/non-local/);
    expect(() => assertLocalDatabase("not a url")).toThrow(/not a valid URL/);
  });
});
