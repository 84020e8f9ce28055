import { describe, expect, it } from "vitest";
import { activityReportsCurl, curlExample } from "./curl-example";

describe("curlExample", () => {
  it("Activity: the users list, then a summary report of the last 30 whole days", () => {
    const text = curlExample("https://hub.example", "activity", null, new Date("2026-11-28T15:30:00Z"));
    expect(text.split("\n")[0]).toBe('curl -H "Authorization: Bearer $HUB_API_TOKEN" https://hub.example/api/v1/users');
    expect(text).toContain(activityReportsCurl("https://hub.example", new Date("2026-11-28T01:00:00Z")));
    const body = /-d '([^']+)'/.exec(text)![1]!;
    expect(JSON.parse(body)).toEqual({ type: "summary", date_from: "2026-10-29T00:00:00Z", date_to: "2026-11-28T00:00:00Z" });
    expect(text).toMatch(/https:\/\/hub\.example\/api\/v1\/activity\/reports$/);
  });

  it("Activity: only what the token's scopes allow", () => {
    const at = new Date("2026-11-28T15:30:00Z");
    expect(curlExample("", "activity", null, at, ["groups:read"])).toBe('curl -H "Authorization: Bearer $HUB_API_TOKEN" /api/v1/groups');
    expect(curlExample("", "activity", null, at, ["activity:read"])).toBe(activityReportsCurl("", at));
    expect(curlExample("", "activity", null, at, ["forms:read", "activity:read"]).split("\n")[0]).toBe('curl -H "Authorization: Bearer $HUB_API_TOKEN" /api/v1/forms');
  });

  it("Profile Read: the POST lookup by the linking attribute first, then the same as a GET", () => {
    const lines = curlExample("https://hub.example", "profile_read", "customer_id").split("\n");
    expect(lines).toEqual([
      "# Recommended: the value stays out of the URL and proxy logs",
      'curl -H "Authorization: Bearer $HUB_API_TOKEN" -H "Content-Type: application/json" \\',
      `  -d '{"customer_id":"<customer_id>"}' \\`,
      "  https://hub.example/api/v1/profile/lookup",
      "# The same lookup with the value in the URL",
      'curl -H "Authorization: Bearer $HUB_API_TOKEN" "https://hub.example/api/v1/profile?customer_id=<customer_id>"',
    ]);
    expect(curlExample("", "profile_read", null)).toContain(`-d '{"email":"<email>"}'`);
  });
});
