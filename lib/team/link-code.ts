import { hash, randomBytes } from "node:crypto";

// Invite and password-reset links end in a code: 32 random bytes (256 bits), base64url. The
// database keeps only its SHA-256, like API token secrets: a copy of the table opens nothing.
// The custom server process never needs this, but nothing here is Next-only either.

export interface LinkCode {
  /** The plaintext: in the link shown once (and mailed), never stored or logged. */
  code: string;
  hash: string;
}

export function hashLinkCode(code: string): string {
  return hash("sha256", code, "hex");
}

export function generateLinkCode(): LinkCode {
  const code = randomBytes(32).toString("base64url");
  return { code, hash: hashLinkCode(code) };
}

/** A code's shape (43 base64url characters): anything else is refused before a query. */
export function looksLikeLinkCode(code: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(code);
}

export const INVITE_PATH = "/invite/";
export const PASSWORD_RESET_PATH = "/reset-password/";
export const INVITE_DAYS = 7;
export const PASSWORD_RESET_HOURS = 1;
