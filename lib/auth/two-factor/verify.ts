import { getDb } from "@/db";
import { recordAccountChange } from "@/lib/changes/record-account-change";
import { looksLikeRecoveryCode, hashRecoveryCode } from "./recovery-codes";
import { acceptTotpStep, getTwoFactor, spendRecoveryCode } from "./queries";
import { decryptTotpKey } from "./secret-box";
import { matchingStep } from "./totp";

export interface TwoFactorUser {
  id: string;
  name: string;
  accountId: string;
}

/**
 * Whether `input` proves the second factor: a TOTP code of this or a neighbouring time step not
 * used before, or an unused recovery code (then marked used, and audited, in one transaction).
 */
export async function verifySecondFactor(user: TwoFactorUser, input: string, ip: string | null, now = Date.now()): Promise<boolean> {
  const state = await getTwoFactor(user.id);
  if (!state?.secret || !state.enabledAt) return false;
  const code = input.replace(/\s/g, "");
  if (/^\d{6}$/.test(code)) {
    const key = decryptTotpKey(state.secret, user.id);
    const step = key ? matchingStep(key, code, now) : null;
    return step !== null && (await acceptTotpStep(user.id, step));
  }
  if (!looksLikeRecoveryCode(code)) return false;
  return getDb().transaction(async (tx) => {
    if (!(await spendRecoveryCode(tx, user.id, hashRecoveryCode(code)))) return false;
    await recordAccountChange(tx, {
      accountId: user.accountId,
      actor: { kind: "user", id: user.id, name: user.name, ip },
      action: "user.recovery_code_used",
      target: { kind: "user", id: user.id, label: user.name },
    });
    return true;
  });
}
