import { z } from "@/lib/zod";

export const signInSchema = z.object({
  email: z
    .string()
    .trim()
    .min(1, "Enter your email address")
    .max(254, "Enter a valid email address")
    .email("Enter a valid email address")
    .transform((v) => v.toLowerCase()),
  password: z.string().min(1, "Enter your password").max(200, "Enter your password"),
  callbackUrl: z.string().optional(),
});

export type SignInInput = z.input<typeof signInSchema>;

/**
 * Only paths on this site: an open redirect after sign-in is a phishing tool. Auth.js hands us
 * absolute URLs of our own origin, so those keep just their path.
 */
export function safeCallbackUrl(value: string | undefined | null): string {
  const fallback = "/manage/integrations";
  if (!value) return fallback;
  let path = value;
  if (/^https?:\/\//i.test(value)) {
    try {
      const url = new URL(value);
      path = `${url.pathname}${url.search}`;
    } catch {
      return fallback;
    }
  }
  if (!path.startsWith("/") || path.startsWith("//") || path.startsWith("/\\") || path.startsWith("/login")) return fallback;
  return path;
}
