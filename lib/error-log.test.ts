import { DrizzleQueryError } from "drizzle-orm/errors";
import { describe, expect, it } from "vitest";
import { describeError } from "./error-log";

describe("describeError", () => {
  it("keeps name, message and stack frames of an error and its causes", () => {
    const cause = new RangeError("index out of range");
    const [outer, inner] = describeError(new TypeError("x is undefined", { cause }));
    expect(outer).toMatchObject({ name: "TypeError", message: "x is undefined" });
    expect(outer!.stack).toMatch(/^\s+at /);
    expect(outer!.stack).not.toContain("x is undefined");
    expect(inner).toMatchObject({ name: "RangeError", message: "index out of range" });
  });

  it("never keeps a failed query's parameters, nor a database server's message", () => {
    const server = Object.assign(new Error('invalid input syntax for type uuid: "jane@example.com"'), { code: "22P02", routine: "string_to_uuid" });
    const failed = new DrizzleQueryError("select 1 from profiles where email = $1", ["jane@example.com"], server);
    const logged = describeError(failed);
    expect(logged[0]).toMatchObject({ message: "Failed query: select 1 from profiles where email = $1" });
    expect(logged[1]).toEqual(expect.objectContaining({ code: "22P02", routine: "string_to_uuid" }));
    expect(JSON.stringify(logged)).not.toContain("jane@example.com");
  });

  it("describes what is thrown without being an Error", () => {
    expect(describeError("a string")).toEqual([{ name: "string" }]);
  });
});
