import { choosePasswordSchema, newPasswordSchema } from "@/lib/auth/password-policy";
import { hasHiddenCharacters, hasVisibleCharacter } from "@/lib/text";
import { z } from "@/lib/zod";

// Forms in the browser use these schemas too: no database module here.
export const ROLES = ["admin", "marketer"] as const;
export const roleLabels = { admin: "Admin", marketer: "Marketer" } as const satisfies Record<(typeof ROLES)[number], string>;

const roleField = z.enum(ROLES, { error: "Choose a role" });

export const inviteUserSchema = z.object({
  email: z
    .string({ error: "Enter an email address" })
    .trim()
    .min(1, "Enter an email address")
    .max(254, "Use 254 characters or fewer")
    .pipe(z.email("Enter an email address such as name@example.com"))
    .transform((email) => email.toLowerCase()),
  role: roleField,
});
export type InviteUserInput = z.input<typeof inviteUserSchema>;

export const changeRoleSchema = z.object({ role: roleField });
export type ChangeRoleInput = z.input<typeof changeRoleSchema>;

const nameField = z
  .string({ error: "Enter your name" })
  .trim()
  .min(1, "Enter your name")
  .max(100, "Use 100 characters or fewer")
  .refine((v) => !hasHiddenCharacters(v), "Remove the invisible or control characters from your name")
  .refine(hasVisibleCharacter, "Enter your name");

/** /invite/<code>: "Your name", "Password", "Confirm password". */
export const joinSchema = z
  .object({ name: nameField, password: newPasswordSchema, confirmPassword: z.string() })
  .refine((v) => v.password === v.confirmPassword, { path: ["confirmPassword"], message: "The passwords do not match" });
export type JoinInput = z.input<typeof joinSchema>;

/** /reset-password/<code>: "New password", "Confirm new password". */
export const resetPasswordSchema = choosePasswordSchema;
export type ResetPasswordInput = z.input<typeof resetPasswordSchema>;
