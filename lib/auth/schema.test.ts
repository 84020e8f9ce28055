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
