import { formatDateTime } from "@/lib/format";
import type { AccessSearchSummary } from "./queries";

const times = (n: number) => `${n.toLocaleString("en-AU")} ${n === 1 ? "time" : "times"}`;

/**
 * "Was this customer read?" in words (PRODUCT.md §8), over the account's whole retention. A read
 * is a lookup that returned the customer's data: a lookup withheld for lack of consent returned
 * nothing, so it is no read — the answer stays "No" and the second sentence says what happened.
 */
export function searchAnswer(summary: AccessSearchSummary, retentionDays: number): { answer: string; note: string | null } {
  const answer =
    summary.reads > 0
      ? `Yes: read ${times(summary.reads)}, first ${formatDateTime(summary.firstRead)}, last ${formatDateTime(summary.lastRead)}.`
      : `No: this token has not read that value in the last ${retentionDays} ${retentionDays === 1 ? "day" : "days"}.`;
  const note =
    summary.withheld > 0
      ? `Withheld ${times(summary.withheld)}: the customer has not consented to this token's purpose, so those lookups returned nothing.`
      : null;
  return { answer, note };
}
