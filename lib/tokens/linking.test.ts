import { describe, expect, it } from "vitest";
import { catalogueRows } from "@/lib/accounts/attribute-catalogue";
import { linkingMatches } from "./linking";

const catalogue = catalogueRows("account");
const keys = (query: string) => linkingMatches(catalogue, query, []).map((a) => a.key);

describe("the attributes the console offers as a linking attribute", () => {
  it("are only those that identify one profile", () => {
    expect(keys("")).toEqual(["email", "customer_id", "referral_code"]);
    expect(keys("loyalty")).toEqual([]);
    expect(keys("tier")).toEqual([]);
    expect(keys("referral")).toEqual(["referral_code"]);
  });

  it("leave out the quick choices, which have radios of their own", () => {
    expect(linkingMatches(catalogue, "", ["email", "customer_id"]).map((a) => a.displayName)).toEqual(["Referral code"]);
  });
});
