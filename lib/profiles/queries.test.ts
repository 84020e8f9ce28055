import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { profiles } from "@/db/tables";
import { createTestAccount, withTestDatabase } from "@/test/database";
import { findProfileByAttribute } from "./queries";

// A looked-up value that reads as a number matches stored numbers too, but only the number it
// is: JavaScript's doubles must not round it into another one (or into null).

withTestDatabase();

let accountId: string;
const ids: Record<string, number> = {};

beforeAll(async () => {
  ({ accountId } = await createTestAccount());
  const rows = await getDb()
    .insert(profiles)
    .values([
      { accountId, attributes: { member_no: null, name: "Nobody's number" } },
      { accountId, attributes: { member_no: 9007199254740992, name: "Two to the 53" } },
      { accountId, attributes: { member_no: 42, name: "Forty-two" } },
      { accountId, attributes: { member_no: 1.5, name: "One and a half" } },
      { accountId, attributes: { member_no: "0042", name: "Text with zeros" } },
    ])
    .returning({ id: profiles.id, attributes: profiles.attributes });
  for (const row of rows) ids[(row.attributes as { name: string }).name] = row.id;
}, 120_000);

const idOf = async (value: string) => {
  const match = await findProfileByAttribute(accountId, "member_no", value);
  return match.found === "one" ? match.id : match.found;
};

describe("findProfileByAttribute with a numeric value", () => {
  it("never matches a number the value only rounds to", async () => {
    expect(await idOf("9".repeat(400)), "400 nines are no null").toBe("none");
    expect(await idOf("9007199254740993"), "2^53 + 1 is not 2^53").toBe("none");
    expect(await idOf("1.5000000000000000001")).toBe("none");
  });

  it("still matches the stored number, and the stored text, it is", async () => {
    expect(await idOf("9007199254740992")).toBe(ids["Two to the 53"]);
    expect(await idOf("42")).toBe(ids["Forty-two"]);
    expect(await idOf("042")).toBe(ids["Forty-two"]);
    expect(await idOf("1.50")).toBe(ids["One and a half"]);
    expect(await idOf("-42")).toBe("none");
    expect(await idOf("0042")).toBe("several");
  });
});
