import { and, eq, isNotNull, isNull, lt, or } from "drizzle-orm";
import { getDb, type Tx } from "@/db";
import { recoveryCodes, users } from "@/db/tables";

// Every statement two-factor runs. The guarded UPDATEs are what make a code single-use when
// two requests present it at once: only one of them changes a row.

export async function getTwoFactor(userId: string) {
  const [row] = await getDb()
    .select({ secret: users.totpSecretEncrypted, enabledAt: users.totpEnabledAt })
    .from(users)
    .where(and(eq(users.id, userId), isNull(users.removedAt)));
  return row ?? null;
}

/** Keeps a new key while the user sets two-factor up; never replaces the key of two-factor that is on. */
export async function storePendingKey(userId: string, encrypted: string): Promise<boolean> {
  const rows = await getDb()
    .update(users)
    .set({ totpSecretEncrypted: encrypted, totpLastStep: null })
    .where(and(eq(users.id, userId), isNull(users.totpEnabledAt), isNull(users.removedAt)))
    .returning({ id: users.id });
  return rows.length === 1;
}

/** Accepts time step `step` for the user once: false when it (or a later one) was used already. */
export async function acceptTotpStep(userId: string, step: number, tx: Tx | ReturnType<typeof getDb> = getDb()): Promise<boolean> {
  const rows = await tx
    .update(users)
    .set({ totpLastStep: step })
    .where(and(eq(users.id, userId), or(isNull(users.totpLastStep), lt(users.totpLastStep, step))))
    .returning({ id: users.id });
  return rows.length === 1;
}

/** Turns two-factor on with the pending key the code was checked against, and its recovery codes. */
export async function enableTwoFactor(tx: Tx, userId: string, encrypted: string, step: number, codeHashes: string[]): Promise<boolean> {
  const rows = await tx
    .update(users)
    .set({ totpEnabledAt: new Date(), totpLastStep: step })
    .where(and(eq(users.id, userId), isNull(users.totpEnabledAt), eq(users.totpSecretEncrypted, encrypted)))
    .returning({ id: users.id });
  if (rows.length !== 1) return false;
  await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
  await tx.insert(recoveryCodes).values(codeHashes.map((codeHash) => ({ userId, codeHash })));
  return true;
}

export async function disableTwoFactor(tx: Tx, userId: string): Promise<void> {
  await tx.update(users).set({ totpSecretEncrypted: null, totpEnabledAt: null, totpLastStep: null }).where(and(eq(users.id, userId), isNotNull(users.totpEnabledAt)));
  await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
}

/** Marks an unused recovery code used; false when there is none (wrong, or used already). */
export async function spendRecoveryCode(tx: Tx, userId: string, codeHash: string): Promise<boolean> {
  const rows = await tx
    .update(recoveryCodes)
    .set({ usedAt: new Date() })
    .where(and(eq(recoveryCodes.userId, userId), eq(recoveryCodes.codeHash, codeHash), isNull(recoveryCodes.usedAt)))
    .returning({ id: recoveryCodes.id });
  return rows.length === 1;
}
