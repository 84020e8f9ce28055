import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { env } from "@/lib/env";

/**
 * A "known device" cookie (OWASP's device-cookie defence against lockout): set in a browser
 * after a successful sign-in, it proves that browser signed in as that email before. Such a
 * browser gets a failure budget of its own instead of the email's shared one, so an attacker
 * guessing from elsewhere can slow the email down for unknown browsers but never lock the
 * owner out of their own. Signed with AUTH_SECRET; holds no personal data (a hash of the email).
 */
export const KNOWN_DEVICE_COOKIE = "hub_known_device";
export const KNOWN_DEVICE_MAX_AGE_SECONDS = 90 * 24 * 60 * 60;

function secret(): string | null {
  const value = env.AUTH_SECRET;
  return value && value.length >= 32 ? value : null;
}

const emailTag = (email: string) => createHash("sha256").update(`hub-known-device:${email.toLowerCase()}`).digest("base64url").slice(0, 22);
const mac = (key: string, payload: string) => createHmac("sha256", key).update(payload).digest("base64url");

export function issueKnownDevice(email: string, now = Date.now()): string {
  const key = secret();
  if (!key) throw new Error("AUTH_SECRET is needed to sign known-device cookies");
  const payload = `${Math.floor(now / 1000)}.${emailTag(email)}`;
  return `${payload}.${mac(key, payload)}`;
}

/**
 * The device's id (its signature) when `value` is a genuine, unexpired cookie for `email`;
 * null for anything else (absent, forged, another email's, expired).
 */
export function knownDeviceId(value: string | null | undefined, email: string, now = Date.now()): string | null {
  const key = secret();
  if (!key || !value || value.length > 200) return null;
  const [issued, tag, signature, extra] = value.split(".");
  if (!issued || !tag || !signature || extra !== undefined || !/^\d{1,12}$/.test(issued)) return null;
  const expected = Buffer.from(mac(key, `${issued}.${tag}`));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  if (tag !== emailTag(email)) return null;
  const age = now / 1000 - Number(issued);
  return age >= 0 && age <= KNOWN_DEVICE_MAX_AGE_SECONDS ? signature : null;
}

/** The cookie's value from a request's Cookie header. */
export function knownDeviceCookie(headers: Headers): string | null {
  const cookie = headers.get("cookie") ?? "";
  const match = new RegExp(`(?:^|;\\s*)${KNOWN_DEVICE_COOKIE}=([^;]+)`).exec(cookie);
  if (!match) return null;
  try {
    return decodeURIComponent(match[1]!);
  } catch {
    return null; // a malformed escape is no proof of anything
  }
}
