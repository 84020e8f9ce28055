import { createHmac, hkdfSync, timingSafeEqual } from "node:crypto";
import { env } from "@/lib/env";
import { currentMode, type Mode } from "@/lib/mode";

/**
 * A "known device" cookie (OWASP's device-cookie defence against lockout): set in a browser
 * after a successful sign-in, it proves that browser signed in as that email, with that
 * password, before. Such a browser gets a failure budget of its own instead of the email's and
 * the address's shared ones, so an attacker guessing from elsewhere, or from behind the same
 * address, can slow the email down for unknown browsers but never lock the owner out of their
 * own. Signed with AUTH_SECRET; it holds no personal data: the email's tag is a keyed HMAC that
 * also covers the user's session version, which a password change bumps, so the change voids
 * every such cookie.
 */
const COOKIE = "hub_known_device";
export const KNOWN_DEVICE_MAX_AGE_SECONDS = 90 * 24 * 60 * 60;

/**
 * Production: `__Host-` (Secure, Path=/, no Domain), so no sibling subdomain or plain-http
 * response can plant or overwrite it. Development serves plain http: the plain name.
 */
export function knownDeviceCookieSpec(mode: Mode = currentMode()) {
  const secure = mode === "production";
  return {
    name: secure ? `__Host-${COOKIE}` : COOKIE,
    options: { httpOnly: true, sameSite: "lax" as const, secure, path: "/", maxAge: KNOWN_DEVICE_MAX_AGE_SECONDS },
  };
}

let keys: { sign: Buffer; tag: Buffer } | null = null;
function secrets() {
  if (keys) return keys;
  const value = env.AUTH_SECRET;
  if (!value || value.length < 32) return null;
  // Own labels: the session key itself signs nothing here.
  const derive = (info: string) => Buffer.from(hkdfSync("sha256", value, "hub-known-device", info, 32));
  keys = { sign: derive("cookie signature v2"), tag: derive("email tag v2") };
  return keys;
}

const emailTag = (key: Buffer, email: string, sessionVersion: number) =>
  createHmac("sha256", key).update(`${email.toLowerCase()}\n${sessionVersion}`).digest("base64url").slice(0, 22);
const mac = (key: Buffer, payload: string) => createHmac("sha256", key).update(payload).digest("base64url");

/** The cookie's value for a browser that just signed in as `email`, whose session version is `sessionVersion`. */
export function issueKnownDevice(email: string, sessionVersion: number, now = Date.now()): string {
  const key = secrets();
  if (!key) throw new Error("AUTH_SECRET is needed to sign known-device cookies");
  const payload = `${Math.floor(now / 1000)}.${emailTag(key.tag, email, sessionVersion)}`;
  return `${payload}.${mac(key.sign, payload)}`;
}

/**
 * The device's id (its signature) when `value` is a genuine, unexpired cookie for `email` at
 * its current `sessionVersion` (undefined: no such user); null for anything else (absent,
 * forged, another email's, from before a password change, expired).
 */
export function knownDeviceId(value: string | null | undefined, email: string, sessionVersion: number | undefined, now = Date.now()): string | null {
  const key = secrets();
  if (!key || !value || value.length > 200 || sessionVersion === undefined) return null;
  const [issued, tag, signature, extra] = value.split(".");
  if (!issued || !tag || !signature || extra !== undefined || !/^\d{1,12}$/.test(issued)) return null;
  const expected = Buffer.from(mac(key.sign, `${issued}.${tag}`));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  if (tag !== emailTag(key.tag, email, sessionVersion)) return null;
  const age = now / 1000 - Number(issued);
  return age >= 0 && age <= KNOWN_DEVICE_MAX_AGE_SECONDS ? signature : null;
}

/** The cookie's value from a request's Cookie header (in production only the `__Host-` one counts). */
export function knownDeviceCookie(headers: Headers, mode: Mode = currentMode()): string | null {
  const cookie = headers.get("cookie") ?? "";
  const match = new RegExp(`(?:^|;\\s*)${knownDeviceCookieSpec(mode).name}=([^;]+)`).exec(cookie);
  if (!match) return null;
  try {
    return decodeURIComponent(match[1]!);
  } catch {
    return null; // a malformed escape is no proof of anything
  }
}
