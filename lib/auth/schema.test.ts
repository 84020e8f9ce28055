import { describe, expect, it } from "vitest";
import { safeCallbackUrl, signInSchema } from "./schema";

describe("safeCallbackUrl", () => {
  it.each([
    [undefined, "/manage/integrations"],
    ["/manage/integrations/api-tokens", "/manage/integrations/api-tokens"],
    ["http://localhost:3000/manage/integrations?x=1", "/manage/integrations?x=1"],
    ["https://evil.example/steal", "/steal"],
    ["//evil.example", "/manage/integrations"],
    ["/\\evil.example", "/manage/integrations"],
    ["javascript:alert(1)", "/manage/integrations"],
    ["/login", "/manage/integrations"],
  ])("%s → %s", (input, expected) => {
    expect(safeCallbackUrl(input)).toBe(expected);
  });

  // Browsers drop tabs and newlines from URLs and read "\\" as "/": each of these is //evil.example to them.
  it.each([
    "/\t/evil.example/phish",
    "/\n/evil.example",
    "/\r/evil.example",
    "/\r\n/evil.example",
    "\t//evil.example",
    "/\t\\evil.example",
    "\\\\evil.example",
    "/\\/evil.example",
    "\\/evil.example",
    "/\u0000/evil.example",
    "/\u001f/evil.example",
    " //evil.example",
    "https://hub.example/\t/evil.example",
    "https://hub.example//evil.example",
    "http:evil.example",
    "https:/evil.example",
    "data:text/html,hi",
    "/lo\tgin",
    "/login?next=/x",
  ])("refuses %j", (input) => {
    const result = safeCallbackUrl(input);
    expect(result).toBe("/manage/integrations");
    expect(new URL(result, "https://hub.example").origin).toBe("https://hub.example");
  });

  it.each([
    ["/manage/integrations/api-tokens/abc?tab=usage#top", "/manage/integrations/api-tokens/abc?tab=usage#top"],
    ["/manage/../manage/integrations", "/manage/integrations"],
    ["/manage/%2e%2e/team", "/team"],
    ["/manage/integrations?q=%2F%2Fevil.example", "/manage/integrations?q=%2F%2Fevil.example"],
    // Still encoded when redirected to: a path on this site, never a host.
    ["/%09/evil.example", "/%09/evil.example"],
    ["/%5C/evil.example", "/%5C/evil.example"],
    ["/%2F/evil.example", "/%2F/evil.example"],
  ])("keeps the path of %j as %j", (input, expected) => {
    expect(safeCallbackUrl(input)).toBe(expected);
  });
});

describe("signInSchema", () => {
  it("normalises the email to lower case", () => {
    expect(signInSchema.parse({ email: " Admin@Demo.TEST ", password: "x" }).email).toBe("admin@demo.test");
  });

  it("names each missing field", () => {
    const result = signInSchema.safeParse({ email: "", password: "" });
    expect(result.success).toBe(false);
    const messages = result.error!.issues.map((i) => i.message);
    expect(messages).toContain("Enter your email address");
    expect(messages).toContain("Enter your password");
  });
});
