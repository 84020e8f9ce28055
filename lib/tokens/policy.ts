import { z } from "@/lib/zod";

// The account's own token policy (PRODUCT.md §12), set by its admins within the operator's
// ceiling (`set-limits --max-token-lifetime-days`). Read by the browser too (the form): nothing
// server-only here.

/** "Maximum lifetime": "No maximum" leaves only the operator's ceiling, if any. */
export const MAX_LIFETIME_CHOICES = [
  { value: "none", label: "No maximum", days: null },
  { value: "30", label: "30 days", days: 30 },
  { value: "60", label: "60 days", days: 60 },
  { value: "90", label: "90 days", days: 90 },
  { value: "180", label: "180 days", days: 180 },
  { value: "365", label: "365 days", days: 365 },
] as const;

/** "Pause tokens not used for". */
export const PAUSE_UNUSED_CHOICES = [
  { value: "never", label: "Never", days: null },
  { value: "30", label: "30 days", days: 30 },
  { value: "60", label: "60 days", days: 60 },
  { value: "90", label: "90 days", days: 90 },
] as const;

type Choice = { value: string; days: number | null };
const valuesOf = <C extends readonly Choice[]>(choices: C) => choices.map((c) => c.value) as unknown as [C[number]["value"], ...C[number]["value"][]];

export const tokenPolicySchema = z.object({
  maxLifetime: z.enum(valuesOf(MAX_LIFETIME_CHOICES), { error: "Choose a maximum lifetime" }),
  pauseUnusedAfter: z.enum(valuesOf(PAUSE_UNUSED_CHOICES), { error: "Choose when unused tokens are paused" }),
});
export type TokenPolicyInput = z.input<typeof tokenPolicySchema>;

export const daysOf = (choices: readonly Choice[], value: string) => choices.find((c) => c.value === value)?.days ?? null;
/** The choice stored as `days`; the first choice when none matches. */
export const valueOf = <C extends readonly Choice[]>(choices: C, days: number | null): C[number]["value"] => (choices.find((c) => c.days === days) ?? choices[0]!).value;

/** The lifetimes an admin may choose under the operator's ceiling: none longer than it ("No maximum" always). */
export const lifetimeChoicesWithin = (ceiling: number | null) => MAX_LIFETIME_CHOICES.filter((c) => c.days === null || ceiling === null || c.days <= ceiling);

/** The maximum that applies to new tokens and Shorten expiry: the stricter of the operator's and the account's. */
export function stricterLifetime(operator: number | null, policy: number | null): number | null {
  if (operator === null) return policy;
  return policy === null ? operator : Math.min(operator, policy);
}

/** Why a chosen maximum is refused, or null: it may not exceed the operator's ceiling. */
export function lifetimeError(days: number | null, ceiling: number | null): string | null {
  return days !== null && ceiling !== null && days > ceiling ? `Hub support limits your tokens to ${ceiling} days: choose ${ceiling} days or fewer` : null;
}
