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

const FALLBACK = "/manage/integrations";
// A stand-in origin: a path is safe when, resolved against it as a browser would, it stays there.
const HERE = "http://hub.invalid";

/**
 * Only paths on this site: an open redirect after sign-in is a phishing tool. Auth.js hands us
 * absolute URLs of our own origin, so those keep just their path. A browser drops tabs and
 * newlines and reads "\\" as "/" ("/\t/evil.example" is "//evil.example" to it), so the path is
 * judged as the URL parser resolves it, and only what it resolved to is returned.
 */
export function safeCallbackUrl(value: string | undefined | null): string {
  if (!value) return FALLBACK;
  let path = value.replace(/[\u0000-\u001f\u007f]/g, "");
  if (/^https?:\/\//i.test(path)) {
    try {
      const url = new URL(path);
      path = `${url.pathname}${url.search}${url.hash}`;
    } catch {
      return FALLBACK;
    }
  }
  if (!path.startsWith("/")) return FALLBACK;
  let resolved: URL;
  try {
    resolved = new URL(path, HERE);
  } catch {
    return FALLBACK;
  }
  if (resolved.origin !== HERE || resolved.pathname.startsWith("/login")) return FALLBACK;
  return `${resolved.pathname}${resolved.search}${resolved.hash}`;
}
