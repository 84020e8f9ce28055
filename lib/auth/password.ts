import { hash, verify, type Algorithm } from "@node-rs/argon2";
import pLimit from "p-limit";

// Algorithm.Argon2id; the package's const enum cannot be read under isolatedModules.
const ARGON2ID = 2 as Algorithm;

// OWASP's argon2id baseline: 19 MiB, 2 passes, 1 lane.
const options = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, options);
}

// Verifying against this when the email is unknown keeps the response time the same,
// so timing does not reveal which emails have accounts.
const decoyHash = hash("decoy-password-for-unknown-emails", options);

/**
 * Argon2 costs tens of ms of CPU and 19 MiB per verification: a burst of sign-ins must not stall
 * everyone's. At most MAX_CHECKS run at once; up to MAX_WAITING wait their turn; beyond that
 * the caller gets the throttle's answer at once.
 */
const MAX_CHECKS = 4;
const MAX_WAITING = 64;
const checks = pLimit(MAX_CHECKS);

export class PasswordChecksBusy extends Error {}

/** How many verifications ran at once (for tests). */
export const passwordCheckStats = {
  limit: MAX_CHECKS,
  inFlight: 0,
  maxInFlight: 0,
  reset() {
    this.maxInFlight = this.inFlight;
  },
};

export function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  if (checks.pendingCount >= MAX_WAITING) return Promise.reject(new PasswordChecksBusy());
  return checks(() => verifyNow(passwordHash, password));
}

async function verifyNow(passwordHash: string | null, password: string): Promise<boolean> {
  passwordCheckStats.inFlight++;
  passwordCheckStats.maxInFlight = Math.max(passwordCheckStats.maxInFlight, passwordCheckStats.inFlight);
  try {
    return await verify(passwordHash ?? (await decoyHash), password);
  } catch {
    return false;
  } finally {
    passwordCheckStats.inFlight--;
  }
}
