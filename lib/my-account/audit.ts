import "server-only";
import { headers } from "next/headers";
import type { CurrentUser } from "@/lib/auth/session";
import type { AccountChange } from "@/lib/changes/record-account-change";
import { requestIp } from "@/lib/request-ip";

/** The audit row of a change a user made to their own sign-in (never a password or code in it). */
export async function auditFor(user: CurrentUser, action: string, detail?: AccountChange["detail"]): Promise<AccountChange> {
  return {
    accountId: user.accountId,
    actor: { kind: "user" as const, id: user.id, name: user.name, ip: requestIp(await headers()) },
    action,
    target: { kind: "user" as const, id: user.id, label: user.name },
    detail,
  };
}
