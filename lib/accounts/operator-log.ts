import { userInfo } from "node:os";
import type { Tx } from "@/db";
import { operatorEvents } from "@/db/tables";

/** Who runs the operator's command: the operating-system user (the CLI has no Hub session). */
export function currentOperator(): string {
  try {
    return userInfo().username || "unknown";
  } catch {
    return "unknown";
  }
}

/** Records an operator change in the transaction that makes it. `detail` never holds a secret. */
export async function recordOperatorEvent(tx: Tx, accountId: string | null, action: string, detail: Record<string, unknown>) {
  await tx.insert(operatorEvents).values({ accountId, action, operator: currentOperator(), detail });
}
