"use server";

import QRCode from "qrcode";
import { getDb } from "@/db";
import type { ActionResult } from "@/lib/action-result";
import { disableTwoFactor, enableTwoFactor, getTwoFactor, storePendingKey } from "@/lib/auth/two-factor/queries";
import { hashRecoveryCode, newRecoveryCodes } from "@/lib/auth/two-factor/recovery-codes";
import { decryptTotpKey, encryptTotpKey } from "@/lib/auth/two-factor/secret-box";
import { matchingStep, newTotpKey, totpKeyText, totpKeyUri } from "@/lib/auth/two-factor/totp";
import { WRONG_CODE } from "@/lib/auth/two-factor/messages";
import { verifySecondFactor } from "@/lib/auth/two-factor/verify";
import { recordAccountChange } from "@/lib/changes/record-account-change";
import { serverAction } from "@/lib/server-action";
import { auditFor } from "./audit";
import { checkCurrentPassword, THROTTLED_MESSAGE } from "./current-password";
import { turnOffTwoFactorSchema, turnOnTwoFactorSchema, type TurnOffTwoFactorInput, type TurnOnTwoFactorInput } from "./schema";

// Two-factor set-up on My account, run by serverAction. The key being set up is kept on the server (encrypted, with
// two-factor still off) from the first step: "Turn on" checks the code against that key, never
// against anything the browser sends back. The key and recovery codes leave the server only in
// these results, once.

const ALREADY_ON = "Two-factor authentication is already on.";
const START_AGAIN = "Start the set-up again: choose “Set up two-factor authentication”.";

export async function startTwoFactorSetup(): Promise<ActionResult<{ keyText: string; qrCode: string }>> {
  return serverAction("startTwoFactorSetup", {
    completes: "set-up-two-factor",
    run: async ({ user }) => {
      const key = newTotpKey();
      if (!(await storePendingKey(user.id, encryptTotpKey(key, user.id)))) return { ok: false, formError: ALREADY_ON };
      const qrCode = await QRCode.toDataURL(totpKeyUri(key, user.email), { margin: 1, width: 208, errorCorrectionLevel: "M" });
      return { ok: true, data: { keyText: totpKeyText(key), qrCode } };
    },
  });
}

export async function turnOnTwoFactor(input: TurnOnTwoFactorInput): Promise<ActionResult<{ recoveryCodes: string[] }>> {
  return serverAction("turnOnTwoFactor", {
    completes: "set-up-two-factor",
    parse: () => turnOnTwoFactorSchema.safeParse(input),
    run: async ({ user, input: { code } }) => {
      const state = await getTwoFactor(user.id);
      if (state?.enabledAt) return { ok: false, formError: ALREADY_ON };
      const key = state?.secret ? decryptTotpKey(state.secret, user.id) : null;
      if (!state?.secret || !key) return { ok: false, formError: START_AGAIN };
      const step = matchingStep(key, code);
      if (step === null) return { ok: false, fieldErrors: { code: WRONG_CODE } };

      const codes = newRecoveryCodes();
      const change = await auditFor(user, "user.two_factor_enabled");
      // On only with the very key the code was checked against, its recovery codes and the audit row.
      const enabled = await getDb().transaction(async (tx) => {
        if (!(await enableTwoFactor(tx, user.id, state.secret!, step, codes.map(hashRecoveryCode)))) return false;
        await recordAccountChange(tx, change);
        return true;
      });
      if (!enabled) return { ok: false, formError: START_AGAIN };
      return { ok: true, data: { recoveryCodes: codes } };
    },
  });
}

export async function turnOffTwoFactor(input: TurnOffTwoFactorInput): Promise<ActionResult> {
  return serverAction("turnOffTwoFactor", {
    parse: () => turnOffTwoFactorSchema.safeParse(input),
    run: async ({ user, input: { password, code } }): Promise<ActionResult> => {
      const check = await checkCurrentPassword(user, password);
      if (check === "throttled") return { ok: false, formError: THROTTLED_MESSAGE };
      if (check === "wrong") return { ok: false, fieldErrors: { password: "The password is incorrect" } };
      const change = await auditFor(user, "user.two_factor_disabled");
      if (!(await verifySecondFactor(user, code, change.actor.kind === "user" ? change.actor.ip : null))) {
        return { ok: false, fieldErrors: { code: WRONG_CODE } };
      }
      await getDb().transaction(async (tx) => {
        await disableTwoFactor(tx, user.id);
        await recordAccountChange(tx, change);
      });
      return { ok: true, data: undefined };
    },
  });
}
