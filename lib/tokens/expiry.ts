import { z } from "@/lib/zod";
import type { TokenStatus } from "./types";

export const DAY_MS = 86_400_000;
/** The one message for an empty or impossible date, from the form and from the action. */
export const ENTER_A_DATE = "Enter a date";

/** "Expires" on the New API Token form. */
export const EXPIRY_CHOICES = [
  { value: "never", label: "Never", days: null },
  { value: "30", label: "30 days", days: 30 },
  { value: "60", label: "60 days", days: 60 },
  { value: "90", label: "90 days", days: 90 },
  { value: "custom", label: "Custom date", days: null },
] as const;

export type ExpiryChoice = (typeof EXPIRY_CHOICES)[number]["value"];
const values = EXPIRY_CHOICES.map((c) => c.value) as [ExpiryChoice, ...ExpiryChoice[]];

export const expiryShape = {
  expires: z.enum(values, { error: "Choose when the token expires" }).default("never"),
  // YYYY-MM-DD from the date field; read only with "Custom date".
  expiresOn: z.string().max(10).default(""),
};

/** Details: an admin moves the expiry earlier, to a date. */
export const shortenExpirySchema = z.object({ expiresOn: z.string({ error: ENTER_A_DATE }).max(10, ENTER_A_DATE) });
export type ShortenExpiryInput = z.input<typeof shortenExpirySchema>;

/** The choices an account's policy allows: "Never" only when it sets no maximum. */
export const expiryChoicesFor = (maxDays: number | null) => EXPIRY_CHOICES.filter((c) => c.value !== "never" || maxDays === null);

const startOfUtcDay = (at: number) => at - (at % DAY_MS);
/** A date field's value for the UTC day `days` after `now`'s. */
export const dateInputValue = (now: number, days: number) => new Date(startOfUtcDay(now) + days * DAY_MS).toISOString().slice(0, 10);

/** A date field's YYYY-MM-DD as midnight UTC, or null when it is empty or no real day. */
export function parseDateInput(on: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(on);
  if (!match) return null;
  const at = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return new Date(at).toISOString().slice(0, 10) === on ? at : null;
}

type Expiry = { ok: true; expiresAt: Date | null } | { ok: false; fieldErrors: Record<string, string> };

/**
 * When the chosen expiry falls, checked against the account's maximum lifetime. A custom date
 * expires at its start, midnight UTC, and must be tomorrow or later and no later than the
 * maximum allows (today + maxDays).
 */
export function resolveExpiry(choice: ExpiryChoice, on: string, now: number, maxDays: number | null): Expiry {
  const refuse = (field: string, message: string): Expiry => ({ ok: false, fieldErrors: { [field]: message } });
  const within = maxDays === null ? "" : `Your account's tokens must expire within ${maxDays} days`;
  if (choice === "never") return maxDays === null ? { ok: true, expiresAt: null } : refuse("expires", within);
  if (choice !== "custom") {
    const days = Number(choice);
    if (maxDays !== null && days > maxDays) return refuse("expires", within);
    return { ok: true, expiresAt: new Date(now + days * DAY_MS) };
  }
  const at = parseDateInput(on);
  if (at === null) return refuse("expiresOn", ENTER_A_DATE);
  if (at < startOfUtcDay(now) + DAY_MS) return refuse("expiresOn", "Choose a date from tomorrow on");
  if (maxDays !== null && at > startOfUtcDay(now) + maxDays * DAY_MS) return refuse("expiresOn", within);
  return { ok: true, expiresAt: new Date(at) };
}

/**
 * What the owner sees: an active token past its expiry reads "Expired" (even if it was paused:
 * it no longer holds a slot); one revoked because it was reported as leaked reads "Compromised";
 * a live paused one "Paused".
 */
export type TokenDisplayStatus = TokenStatus | "expired" | "compromised" | "paused";
export function displayStatus(
  status: TokenStatus,
  expiresAt: Date | null,
  now: number,
  exposedAt: Date | null = null,
  pausedAt: Date | null = null,
): TokenDisplayStatus {
  if (status === "revoked" && exposedAt) return "compromised";
  if (status === "active" && expiresAt && expiresAt.getTime() <= now) return "expired";
  return status === "active" && pausedAt ? "paused" : status;
}

/** A token that can still change and may work again: active or paused, not expired or revoked. */
export const isLive = (status: TokenDisplayStatus) => status === "active" || status === "paused";

/** Whole days left, rounded up, while the token is live; null when it never expires or already has. */
export function daysLeft(expiresAt: Date | null, now: number): number | null {
  if (!expiresAt || expiresAt.getTime() <= now) return null;
  return Math.ceil((expiresAt.getTime() - now) / DAY_MS);
}

/** The list's warning: "Expires in N days" within 14 days. */
export const EXPIRY_WARNING_DAYS = 14;
export const expiresInText = (days: number) => `Expires in ${days} ${days === 1 ? "day" : "days"}`;

/** The banner and Integrations tile: "N tokens expire within 7 days". */
export const EXPIRY_BANNER_DAYS = 7;
export const expiringBannerText = (n: number) => `${n} ${n === 1 ? "token expires" : "tokens expire"} within ${EXPIRY_BANNER_DAYS} days`;
