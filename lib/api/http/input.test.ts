import { describe, expect, it } from "vitest";
import { parseJsonBody } from "./input";

// The control-character check covers the whole body, and a body nested too deep is refused (issue 27, item 9).

const nested = (levels: number, inner: string) => "[".repeat(levels) + inner + "]".repeat(levels);

describe("parseJsonBody", () => {
  it("refuses a control character however deep it sits", () => {
    expect(() => parseJsonBody(nested(1_100, JSON.stringify("\u0007")))).toThrow(/deeper than 64|control character/);
  });

  it("accepts 64 levels of arrays and objects, refuses a 65th with a clear message", () => {
    expect(parseJsonBody(nested(63, JSON.stringify({ ok: "fine" })))).toBeDefined();
    expect(() => parseJsonBody(nested(64, JSON.stringify({ ok: "fine" })))).toThrow(
      expect.objectContaining({ code: "invalid_request", message: "The request body nests arrays and objects deeper than 64 levels." }),
    );
  });
});
