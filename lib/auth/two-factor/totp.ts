import { randomBytes, timingSafeEqual } from "node:crypto";
import { encodeBase32UpperCaseNoPadding } from "@oslojs/encoding";
import { createTOTPKeyURI, generateHOTP } from "@oslojs/otp";

// TOTP as authenticator apps implement RFC 6238: HMAC-SHA1, 30-second steps, 6 digits.
export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;

/** 160 random bits, RFC 4226's recommended key length. */
export function newTotpKey(): Uint8Array {
  return new Uint8Array(randomBytes(20));
}

/** The key as people type it into an authenticator app: base32, in groups of four. */
export function totpKeyText(key: Uint8Array): string {
  return encodeBase32UpperCaseNoPadding(key).replace(/(.{4})(?=.)/g, "$1 ");
}

/** The `otpauth://` URI the QR code holds; labelled with the Hub and the user's email. */
export function totpKeyUri(key: Uint8Array, accountLabel: string): string {
  return createTOTPKeyURI("Hub", accountLabel, key, TOTP_PERIOD_SECONDS, TOTP_DIGITS);
}

export const currentStep = (now = Date.now()) => Math.floor(now / 1000 / TOTP_PERIOD_SECONDS);

/**
 * The time step whose code `code` is, allowing one step either side for clock drift; null when
 * it is none of them. The caller still has to refuse a step already used (replay).
 */
export function matchingStep(key: Uint8Array, code: string, now = Date.now()): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const step = currentStep(now);
  for (const candidate of [step, step - 1, step + 1]) {
    const expected = Buffer.from(generateHOTP(key, BigInt(candidate), TOTP_DIGITS));
    if (timingSafeEqual(expected, Buffer.from(code))) return candidate;
  }
  return null;
}
