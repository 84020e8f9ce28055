import { newPasswordSchema } from "@/lib/auth/password-policy";
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
