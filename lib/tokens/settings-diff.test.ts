import { describe, expect, it } from "vitest";
import { diffSettings, type ComparableSettings } from "./settings-diff";

const base: ComparableSettings = {
  description: "Warehouse sync",
  exposedAttributes: ["email", "first_name"],
  linkingAttribute: "email",
  ipAllowList: ["203.0.113.0/24"],
  rateLimit: 600,
  scopes: [],
  purpose: "personalisation",
  dailyProfileLimit: 10_000,
};
const names: Record<string, string> = { email: "Email", first_name: "First name", customer_id: "Customer ID" };

describe("diffSettings", () => {
  it("reports nothing when nothing changed (attribute order does not matter)", () => {
    expect(diffSettings(base, { ...base, exposedAttributes: ["first_name", "email"] }, (k) => names[k]!)).toEqual([]);
  });

  it("reports each changed field old → new in words", () => {
    const after = { ...base, description: "Warehouse sync v2", linkingAttribute: "customer_id", ipAllowList: [], rateLimit: 120 };
    expect(diffSettings(base, after, (k) => names[k]!)).toEqual([
      { field: "Description", from: "Warehouse sync", to: "Warehouse sync v2" },
      { field: "Linking attribute", from: "Email", to: "Customer ID" },
      { field: "IP whitelist", from: "203.0.113.0/24", to: "(none)" },
      { field: "Rate limit (requests per minute)", from: "600", to: "120" },
    ]);
  });

  it("reports scopes as their labels in the form's order, and a Profile Read token's purpose and daily limit", () => {
    const activity = { ...base, scopes: ["groups:read"], purpose: null, dailyProfileLimit: null };
    expect(diffSettings(activity, { ...activity, scopes: ["activity:read", "users:read", "groups:read"] }, (k) => names[k]!)).toEqual([
      { field: "Scopes", from: "Groups", to: "Users, Groups, Activity data" },
    ]);
    expect(diffSettings(base, { ...base, purpose: "analytics", dailyProfileLimit: 250_000 }, (k) => names[k]!)).toEqual([
      { field: "Purpose", from: "Personalisation", to: "Analytics" },
      { field: "Daily profile limit (distinct customers)", from: "10,000", to: "250,000" },
    ]);
  });
});
