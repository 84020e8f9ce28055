import { describe, expect, it } from "vitest";
import { requestIdFor } from "./request-id";

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("requestIdFor", () => {
  it("keeps a trusted proxy's id", () => {
    expect(requestIdFor("7f3c9a1e0b2d4c5f8a9b0c1d2e3f4a5b", true)).toBe("7f3c9a1e0b2d4c5f8a9b0c1d2e3f4a5b");
    expect(requestIdFor(["partner:run-42", "second"], true)).toBe("partner:run-42");
  });

  it("replaces anyone else's, and a proxy's id that is empty, too long or not printable", () => {
    expect(requestIdFor("chosen-by-the-caller", false)).toMatch(uuid);
    for (const bad of ["", "a".repeat(129), "two words", "line\nbreak", '{"json":1}']) expect(requestIdFor(bad, true)).toMatch(uuid);
    expect(requestIdFor(undefined, true)).toMatch(uuid);
  });

  it("makes a new id every time", () => {
    expect(requestIdFor(undefined, false)).not.toBe(requestIdFor(undefined, false));
  });
});
