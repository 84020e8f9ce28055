import { createHmac, timingSafeEqual } from "node:crypto";
import { env } from "@/lib/env";

// After a password change or "Sign out other sessions" the user's session version goes up and
// every session carrying the old one ends, except this browser's: the server re-issues its JWT
// with the new version through Auth.js's session update. That update endpoint is also reachable
// by any holder of a session cookie (POST /api/auth/session), so the new version is accepted
// only with this proof, which the server makes and never hands to a browser: an ended session
// cannot revive itself by asking for the current version.

const LIFETIME_MS = 60_000;

function key(): string {
  const value = env.AUTH_SECRET ?? (env.mode === "production" ? null : "hub-development-session-renewal-key");
  if (!value) throw new Error("AUTH_SECRET is needed to renew sessions");
  return value;
}

const mac = (payload: string) => createHmac("sha256", key()).update(`hub-session-renewal:${payload}`).digest("base64url");

export interface SessionRenewal {
  renewal: string;
}

export function sessionRenewal(userId: string, sessionVersion: number, now = Date.now()): SessionRenewal {
  const payload = `${userId}.${sessionVersion}.${now + LIFETIME_MS}`;
  return { renewal: `${payload}.${mac(payload)}` };
}

/** The version a genuine, unexpired renewal for `userId` grants; null for anything else. */
export function renewedVersion(data: unknown, userId: unknown, now = Date.now()): number | null {
  const value = (data as Partial<SessionRenewal> | null | undefined)?.renewal;
  if (typeof value !== "string" || typeof userId !== "string" || value.length > 200) return null;
  const [id, version, expires, signature, extra] = value.split(".");
  if (!id || !version || !expires || !signature || extra !== undefined) return null;
  const expected = Buffer.from(mac(`${id}.${version}.${expires}`));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  if (id !== userId || Number(expires) < now || !/^\d{1,9}$/.test(version)) return null;
  return Number(version);
}
