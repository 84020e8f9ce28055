import { createHash, randomInt } from "node:crypto";

export const RECOVERY_CODE_COUNT = 10;
const ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"; // no 0/o, 1/l/i

/** Ten codes like `k7m2p-x9q4r` (about 49 bits each), shown once; only their hashes are kept. */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const chars = Array.from({ length: 10 }, () => ALPHABET[randomInt(ALPHABET.length)]).join("");
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
}

/** What a person typed, as stored: case, spaces and hyphens do not matter. */
export function normalizeRecoveryCode(input: string): string {
  return input.toLowerCase().replace(/[\s-]/g, "");
}

/** Random codes of this length need no slow hash: SHA-256 of the normalized code. */
export function hashRecoveryCode(code: string): string {
  return createHash("sha256").update(`hub-recovery-code:${normalizeRecoveryCode(code)}`).digest("hex");
}

export const looksLikeRecoveryCode = (input: string) => /^[a-z0-9]{10}$/.test(normalizeRecoveryCode(input));
