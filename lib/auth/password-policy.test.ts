import { describe, expect, it } from "vitest";
import { choosePasswordSchema, isCommonPassword, newPasswordSchema } from "./password-policy";

describe("password policy", () => {
  it("accepts 12 to 128 characters that are not common", () => {
    expect(newPasswordSchema.safeParse("violet-harbour-19").success).toBe(true);
    expect(newPasswordSchema.safeParse("x".repeat(11) + "é").success).toBe(true);
  });

  it("refuses short, long and common passwords with a message each", () => {
    expect(newPasswordSchema.safeParse("short-pass1").error?.issues[0]?.message).toBe("Use at least 12 characters");
    expect(newPasswordSchema.safeParse("a".repeat(129)).error?.issues[0]?.message).toBe("Use at most 128 characters");
    // On the list in lower case: refused whatever the case.
    expect(isCommonPassword("Password1234")).toBe(true);
    expect(newPasswordSchema.safeParse("Password1234").success).toBe(false);
    expect(newPasswordSchema.safeParse("123456789012").error?.issues.map((i) => i.message)).toContain("This password is too common. Choose another one.");
  });

  it("puts a mismatch on the confirmation field", () => {
    const result = choosePasswordSchema.safeParse({ password: "violet-harbour-19", confirmPassword: "violet-harbour-20" });
    expect(result.error?.issues[0]?.path).toEqual(["confirmPassword"]);
  });
});
