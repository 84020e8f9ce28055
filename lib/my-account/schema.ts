import { newPasswordSchema } from "@/lib/auth/password-policy";
import { WRONG_CODE } from "@/lib/auth/two-factor/messages";
import { NOTICE_KEYS } from "@/lib/notices/kinds";
import { z } from "@/lib/zod";

const sameAsConfirmation = { path: ["confirmPassword"], message: "The passwords do not match" };

/** "Change password" on My account. */
export const changePasswordSchema = z
  .object({
    currentPassword: z.string().min(1, "Enter your current password").max(200, "Enter your current password"),
    password: newPasswordSchema,
    confirmPassword: z.string(),
  })
  .refine((v) => v.password === v.confirmPassword, sameAsConfirmation);

export type ChangePasswordInput = z.input<typeof changePasswordSchema>;

/** "Turn on": the 6-digit code the authenticator app shows for the key being set up. */
export const turnOnTwoFactorSchema = z.object({
  code: z
    .string()
    .transform((v) => v.replace(/\s/g, ""))
    .pipe(z.string().regex(/^\d{6}$/, "Enter the 6-digit code from your authenticator app")),
});
export type TurnOnTwoFactorInput = z.input<typeof turnOnTwoFactorSchema>;

/** "Turn off": the password and a code (or a recovery code). */
export const turnOffTwoFactorSchema = z.object({
  password: z.string().min(1, "Enter your password").max(200, "Enter your password"),
  code: z.string().trim().min(1, "Enter a code from your authenticator app or a recovery code").max(64, WRONG_CODE),
});
export type TurnOffTwoFactorInput = z.input<typeof turnOffTwoFactorSchema>;

/** Team: "Require two-factor authentication for admins". */
export const requireTwoFactorSchema = z.object({ requireAdminTwoFactor: z.boolean() });
export type RequireTwoFactorInput = z.input<typeof requireTwoFactorSchema>;

/** "Email notices": the kinds the admin wants (every one unticked is stored as an opt-out). */
export const emailNoticesSchema = z.object({
  receive: z
    .array(z.enum(NOTICE_KEYS, { error: "Choose among the notices listed" }))
    .max(NOTICE_KEYS.length)
    .refine((kinds) => new Set(kinds).size === kinds.length, "Choose each notice once"),
});
export type EmailNoticesInput = z.input<typeof emailNoticesSchema>;
