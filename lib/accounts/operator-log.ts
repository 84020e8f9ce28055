import { userInfo } from "node:os";
import type { Tx } from "@/db";
import { operatorEvents } from "@/db/tables";
import { recordAccountChange } from "@/lib/changes/record-account-change";

/** Who runs the operator's command: the operating-system user (the CLI has no Hub session). */
export function currentOperator(): string {
  try {
    return userInfo().username || "unknown";
  } catch {
    return "unknown";
  }
}

/** The audit log's names for the operator's changes (PRODUCT.md §10). */
const auditActions: Record<string, string> = { "account.created": "account.created", "limits.changed": "account.limits_changed" };

/**
 * Records an operator change in the transaction that makes it: in the CLI's own `history`, and,
 * for a change to an account's settings, on that account's audit log as "Operator (<os user>)". `detail`
 * never holds a secret; the audit row keeps only the new limits (no names or emails).
 */
export async function recordOperatorEvent(tx: Tx, accountId: string | null, action: string, detail: Record<string, unknown>) {
  const operator = currentOperator();
  await tx.insert(operatorEvents).values({ accountId, action, operator, detail });
  // A change with an audit row of its own (a team command's, written by its domain) is not recorded twice.
  const auditAction = auditActions[action];
  if (!accountId || !auditAction) return;
  // The new limits (numbers, or null for "none"): nothing personal.
  const limits = Object.entries(detail.to && typeof detail.to === "object" ? detail.to : {}).filter(([, v]) => v === null || typeof v === "number");
  await recordAccountChange(tx, {
    accountId,
    actor: { kind: "operator", name: operator },
    action: auditAction,
    target: { kind: "account", id: accountId, label: "Account" },
    detail: Object.fromEntries(limits) as Record<string, number | null>,
  });
}
