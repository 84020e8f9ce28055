import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { generateToken, parseToken, SCANNER_PATTERN } from "./secret";

// The regular expression the README gives secret scanners, against real tokens and near-misses.
const scanner = new RegExp(SCANNER_PATTERN, "g");
const found = (text: string) => [...text.matchAll(scanner)].map((m) => m[0]);

describe("the scanner's regular expression", () => {
  it("is the one the README publishes", () => {
    expect(readFileSync("README.md", "utf8")).toContain("```regex\n" + SCANNER_PATTERN + "\n```");
  });

  it("finds every generated token in the places tokens leak", () => {
    for (let i = 0; i < 200; i++) {
      const token = generateToken(i % 2 ? "activity" : "profile_read").token;
      for (const text of [token, `HUB_TOKEN=${token}\n`, `"Authorization": "Bearer ${token}"`, `curl -H 'Auth-Api-Token: ${token}'`, `key: '${token}',`]) {
        expect(found(text)).toEqual([token]);
      }
    }
  });

  it("ignores near-misses: other prefixes, wrong lengths, non-base62, inside a longer word", () => {
    const token = generateToken("activity").token;
    const random = token.slice(8);
    for (const text of [
      `hub_xyz_${random}`,
      `hub_act_${random.slice(1)}`,
      `hub_act_${random}x`,
      `hub_act_${random.slice(0, 20)}-${random.slice(21)}`,
      `myhub_act_${random}`,
      `HUB_ACT_${random}`,
    ]) {
      expect(found(text), text).toEqual([]);
    }
  });

  it("leaves the checksum to weed out look-alikes of the right shape", () => {
    const token = generateToken("profile_read").token;
    const typo = token.slice(0, 20) + (token[20] === "a" ? "b" : "a") + token.slice(21);
    expect(found(typo)).toEqual([typo]);
    expect(parseToken(typo)).toBeNull();
    expect(parseToken(found(token)[0]!)).toEqual({ type: "profile_read" });
  });
});
