import { createHmac, timingSafeEqual } from "node:crypto";
import { env } from "@/lib/env";

/**
 * Between the password and the code: a signed, httpOnly cookie naming the user whose password
 * was right, for 5 minutes. It holds no password and is no session; the code step's `authorize`
 * reads it and still charges every code to the sign-in budget.
 */
export const PENDING_SIGN_IN_COOKIE = "hub_pending_sign_in";
export const PENDING_SIGN_IN_MAX_AGE_SECONDS = 5 * 60;

function key(): string {
  const value = env.AUTH_SECRET ?? (env.mode === "production" ? null : "hub-development-pending-sign-in-key");
  if (!value) throw new Error("AUTH_SECRET is needed to sign the pending sign-in cookie");
  return value;
}

const mac = (payload: string) => createHmac("sha256", key()).update(`hub-pending-sign-in:${payload}`).digest("base64url");

export function pendingSignIn(userId: string, now = Date.now()): string {
  const payload = `${userId}.${Math.floor(now / 1000) + PENDING_SIGN_IN_MAX_AGE_SECONDS}`;
  return `${payload}.${mac(payload)}`;
}

/** The user a genuine, unexpired cookie names; null for anything else. */
export function pendingUserId(value: string | null | undefined, now = Date.now()): string | null {
  if (!value || value.length > 200) return null;
  const [userId, expires, signature, extra] = value.split(".");
  if (!userId || !expires || !signature || extra !== undefined || !/^\d{1,12}$/.test(expires)) return null;
  const expected = Buffer.from(mac(`${userId}.${expires}`));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return Number(expires) * 1000 >= now ? userId : null;
}

/** The cookie's value from a request's Cookie header. */
export function pendingSignInCookie(headers: Headers): string | null {
  const match = new RegExp(`(?:^|;\\s*)${PENDING_SIGN_IN_COOKIE}=([^;]+)`).exec(headers.get("cookie") ?? "");
  return match ? match[1]! : null;
}
