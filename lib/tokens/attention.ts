import { DAY_MS } from "./expiry";

// "Needs attention" on the API Tokens list (PRODUCT.md §12): the hygiene of live tokens (active
// or paused, not expired or revoked), each finding with the action that resolves it.

// `summary` words the finding differently from its row's label, so a row's label names one place on the page.
export const ATTENTION = {
  never_used: { label: "Never used", summary: "unused since created", fix: "revoke" },
  idle: { label: "Not used in 30 days", summary: "idle for 30 days", fix: "revoke" },
  never_expires: { label: "Never expires", summary: "without an expiry", fix: "expiry" },
  not_reset: { label: "Not reset in 180 days", summary: "not reset for 180 days", fix: "reset" },
} as const;

export type AttentionKind = keyof typeof ATTENTION;
export type AttentionFix = (typeof ATTENTION)[AttentionKind]["fix"];
export const ATTENTION_KINDS = Object.keys(ATTENTION) as AttentionKind[];

/** What the findings are judged by. */
export interface AttentionFacts {
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  /** The last reset, or null when it was never reset (its creation then counts). */
  lastResetAt: Date | null;
}

const NEVER_USED_GRACE_DAYS = 7;
const IDLE_DAYS = 30;
const RESET_DAYS = 180;

/** A live token's findings, in the list's order. */
export function needsAttention(token: AttentionFacts, now: number): AttentionKind[] {
  const olderThan = (at: Date, days: number) => at.getTime() < now - days * DAY_MS;
  const found: AttentionKind[] = [];
  if (!token.lastUsedAt && olderThan(token.createdAt, NEVER_USED_GRACE_DAYS)) found.push("never_used");
  if (token.lastUsedAt && olderThan(token.lastUsedAt, IDLE_DAYS)) found.push("idle");
  if (!token.expiresAt) found.push("never_expires");
  if (olderThan(token.lastResetAt ?? token.createdAt, RESET_DAYS)) found.push("not_reset");
  return found;
}

/** The summary line above the table, e.g. "2 tokens need attention: 1 unused since created, 2 without an expiry". */
export function attentionSummary(findings: AttentionKind[][]): string | null {
  const tokens = findings.filter((f) => f.length > 0).length;
  if (tokens === 0) return null;
  const counts = ATTENTION_KINDS.map((kind) => ({ kind, n: findings.filter((f) => f.includes(kind)).length })).filter((c) => c.n > 0);
  const parts = counts.map(({ kind, n }) => `${n} ${ATTENTION[kind].summary}`);
  return `${tokens} ${tokens === 1 ? "token needs" : "tokens need"} attention: ${parts.join(", ")}`;
}
