"use server";

import QRCode from "qrcode";
import { getDb } from "@/db";
import { answerUnexpected } from "@/lib/action-guard";
import { fieldErrorsOf, type ActionResult } from "@/lib/action-result";
import { requireUser } from "@/lib/auth/session";
import { disableTwoFactor, enableTwoFactor, getTwoFactor, storePendingKey } from "@/lib/auth/two-factor/queries";
import { hashRecoveryCode, newRecoveryCodes } from "@/lib/auth/two-factor/recovery-codes";
import { decryptTotpKey, encryptTotpKey } from "@/lib/auth/two-factor/secret-box";
import { matchingStep, newTotpKey, totpKeyText, totpKeyUri } from "@/lib/auth/two-factor/totp";
import { WRONG_CODE } from "@/lib/auth/two-factor/messages";
import { verifySecondFactor } from "@/lib/auth/two-factor/verify";
import { recordAccountChange } from "@/lib/changes/record-account-change";
import { auditFor } from "./audit";
import { checkCurrentPassword, THROTTLED_MESSAGE } from "./current-password";
import { turnOffTwoFactorSchema, turnOnTwoFactorSchema, type TurnOffTwoFactorInput, type TurnOnTwoFactorInput } from "./schema";

// Two-factor set-up on My account. The key being set up is kept on the server (encrypted, with
// two-factor still off) from the first step: "Turn on" checks the code against that key, never
// against anything the browser sends back. The key and recovery codes leave the server only in
// these results, once.

const ALREADY_ON = "Two-factor authentication is already on.";

export async function startTwoFactorSetup(): Promise<ActionResult<{ keyText: string; qrCode: string }>> {
  const user = await requireUser();
  return answerUnexpected("startTwoFactorSetup", async () => {
    const key = newTotpKey();
    if (!(await storePendingKey(user.id, encryptTotpKey(key, user.id)))) return { ok: false, formError: ALREADY_ON };
    const qrCode = await QRCode.toDataURL(totpKeyUri(key, user.email), { margin: 1, width: 208, errorCorrectionLevel: "M" });
    return { ok: true, data: { keyText: totpKeyText(key), qrCode } };
  });
}

export async function turnOnTwoFactor(input: TurnOnTwoFactorInput): Promise<ActionResult<{ recoveryCodes: string[] }>> {
  const user = await requireUser();
  return answerUnexpected("turnOnTwoFactor", async () => {
    const parsed = turnOnTwoFactorSchema.safeParse(input);
    if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error) };
    const state = await getTwoFactor(user.id);
    if (state?.enabledAt) return { ok: false, formError: ALREADY_ON };
    const key = state?.secret ? decryptTotpKey(state.secret, user.id) : null;
    if (!state?.secret || !key) return { ok: false, formError: "Start the set-up again: choose “Set up two-factor authentication”." };
    const step = matchingStep(key, parsed.data.code);
    if (step === null) return { ok: false, fieldErrors: { code: WRONG_CODE } };

    const codes = newRecoveryCodes();
    const change = await auditFor(user, "user.two_factor_enabled");
    // On only with the very key the code was checked against, its recovery codes and the audit row.
    const enabled = await getDb().transaction(async (tx) => {
      if (!(await enableTwoFactor(tx, user.id, state.secret!, step, codes.map(hashRecoveryCode)))) return false;
      await recordAccountChange(tx, change);
      return true;
    });
    if (!enabled) return { ok: false, formError: "Start the set-up again: choose “Set up two-factor authentication”." };
    return { ok: true, data: { recoveryCodes: codes } };
  });
}

export async function turnOffTwoFactor(input: TurnOffTwoFactorInput): Promise<ActionResult> {
  const user = await requireUser();
  return answerUnexpected("turnOffTwoFactor", async () => {
    const parsed = turnOffTwoFactorSchema.safeParse(input);
    if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error) };
    const check = await checkCurrentPassword(user, parsed.data.password);
    if (check === "throttled") return { ok: false, formError: THROTTLED_MESSAGE };
    if (check === "wrong") return { ok: false, fieldErrors: { password: "The password is incorrect" } };
    const change = await auditFor(user, "user.two_factor_disabled");
    if (!(await verifySecondFactor(user, parsed.data.code, change.actor.kind === "user" ? change.actor.ip : null))) {
      return { ok: false, fieldErrors: { code: WRONG_CODE } };
    }
    await getDb().transaction(async (tx) => {
      await disableTwoFactor(tx, user.id);
      await recordAccountChange(tx, change);
    });
    return { ok: true, data: undefined };
  });
}
