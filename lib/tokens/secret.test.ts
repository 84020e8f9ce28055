import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BASE62, checksum, displayPrefixOf, generateToken, hashToken, parseToken } from "./secret";

describe("generateToken", () => {
  it("has the documented format for both types", () => {
    const act = generateToken("activity").token;
    const prf = generateToken("profile_read").token;
    expect(act).toMatch(/^hub_act_[0-9A-Za-z]{38}$/);
    expect(prf).toMatch(/^hub_prf_[0-9A-Za-z]{38}$/);
    expect(parseToken(act)).toEqual({ type: "activity" });
    expect(parseToken(prf)).toEqual({ type: "profile_read" });
  });

  it("stores only a SHA-256 and a short prefix", () => {
    const issued = generateToken("activity");
    expect(issued.hash).toBe(hashToken(issued.token));
    expect(issued.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(issued.displayPrefix).toBe(issued.token.slice(0, 11));
    expect(displayPrefixOf(issued.token)).toHaveLength(11);
  });

  it("never repeats and uses the whole alphabet", () => {
    const tokens = Array.from({ length: 2000 }, () => generateToken("activity").token);
    expect(new Set(tokens).size).toBe(tokens.length);
    const seen = new Set(tokens.flatMap((t) => [...t.slice(8, 40)]));
    expect(seen.size).toBe(62);
  });
});

describe("parseToken", () => {
  it("rejects wrong shapes", () => {
    const { token } = generateToken("activity");
    for (const bad of ["", "hub_act_", token.slice(0, -1), `${token}x`, token.replace("hub_act_", "hub_xyz_"), ` ${token}`]) {
      expect(parseToken(bad)).toBeNull();
    }
  });

  it("checksum is six base62 characters", () => {
    expect(checksum("hub_act_x")).toMatch(/^[0-9A-Za-z]{6}$/);
  });

  it("every single-character typo fails the checksum", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("activity" as const, "profile_read" as const),
        fc.nat(45),
        fc.constantFrom(...BASE62.split(""), "_", "-"),
        (type, position, replacement) => {
          const { token } = generateToken(type);
          fc.pre(token[position] !== replacement);
          const typo = token.slice(0, position) + replacement + token.slice(position + 1);
          return parseToken(typo) === null;
        },
      ),
      { numRuns: 5000 },
    );
  });

  it("swapping two neighbouring characters fails the checksum", () => {
    fc.assert(
      fc.property(fc.integer({ min: 8, max: 44 }), (position) => {
        const { token } = generateToken("activity");
        fc.pre(token[position] !== token[position + 1]);
        const swapped = token.slice(0, position) + token[position + 1] + token[position] + token.slice(position + 2);
        return parseToken(swapped) === null;
      }),
      { numRuns: 2000 },
    );
  });
});
