import { z } from "@/lib/zod";

const HOUR_MS = 3_600_000;

/** "Keep the old token working for": the first, stopping the old token at once, is the default. */
export const OVERLAP_CHOICES = [
  { value: "none", label: "No, stop it now", ms: 0 },
  { value: "1h", label: "1 hour", ms: HOUR_MS },
  { value: "24h", label: "24 hours", ms: 24 * HOUR_MS },
  { value: "7d", label: "7 days", ms: 7 * 24 * HOUR_MS },
] as const;

export type OverlapChoice = (typeof OVERLAP_CHOICES)[number]["value"];

const values = OVERLAP_CHOICES.map((c) => c.value) as [OverlapChoice, ...OverlapChoice[]];

export const resetTokenSchema = z.object({
  keepOldFor: z.enum(values, { error: "Choose how long the old token keeps working" }).default("none"),
});

export type ResetTokenInput = z.input<typeof resetTokenSchema>;

export const overlapChoice = (value: OverlapChoice) => OVERLAP_CHOICES.find((c) => c.value === value)!;

/** "Not used in the last hour: safe to stop" holds when the old secret's last use is older than this. */
export const SAFE_TO_STOP_AFTER_MS = HOUR_MS;

/** Whether the old secret has gone unused for the last hour, as of `now`. */
export function safeToStop(oldLastUsedAt: Date | null, now: number): boolean {
  return !oldLastUsedAt || now - oldLastUsedAt.getTime() >= SAFE_TO_STOP_AFTER_MS;
}
