import { hash, verify, type Algorithm } from "@node-rs/argon2";

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

export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash ?? (await decoyHash), password);
  } catch {
    return false;
  }
}
