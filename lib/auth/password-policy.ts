import { dictionary } from "@zxcvbn-ts/language-common";
import { z } from "@/lib/zod";

// The one rule for a password anyone chooses (join, reset, change, first sign-in): 12 to 128
// characters and not one of the ~49,000 most common passwords (zxcvbn-ts's maintained list,
// compared case-insensitively). Length counts characters, not bytes.

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 128;

let common: Set<string> | null = null;

/** Whether `password` is on the common-passwords list (ignoring case); the list loads once. */
export function isCommonPassword(password: string): boolean {
  common ??= new Set(dictionary["passwords-common"].map((p) => p.toLowerCase()));
  return common.has(password.toLowerCase());
}

export const newPasswordSchema = z
  .string()
  .refine((v) => [...v].length >= PASSWORD_MIN, `Use at least ${PASSWORD_MIN} characters`)
  .refine((v) => [...v].length <= PASSWORD_MAX, `Use at most ${PASSWORD_MAX} characters`)
  .refine((v) => !isCommonPassword(v), "This password is too common. Choose another one.");

/** A new password and its confirmation, with the message on `confirmPassword` when they differ. */
export const choosePasswordSchema = z
  .object({ password: newPasswordSchema, confirmPassword: z.string() })
  .refine((v) => v.password === v.confirmPassword, { path: ["confirmPassword"], message: "The passwords do not match" });
