import type { TokenType } from "./types";

// What a token may do beyond its type (PRODUCT.md §11). Read by the browser too (the form).

/** An Activity token's scopes, in the form's order, with the checkbox label each gets. */
export const ACTIVITY_SCOPES = {
  "users:read": "Users",
  "groups:read": "Groups",
  "forms:read": "Forms",
  "activity:read": "Activity data",
} as const;
export type ActivityScope = keyof typeof ACTIVITY_SCOPES;

/** What each scope lets a token read: the form's hint beside each checkbox. */
export const ACTIVITY_SCOPE_HINTS: Record<ActivityScope, string> = {
  "users:read": "Staff names and emails (/api/v1/users)",
  "groups:read": "Groups and their members (/api/v1/groups)",
  "forms:read": "Forms (/api/v1/forms)",
  "activity:read": "Metrics and reports (/api/v1/activity/query and /reports)",
};
export const ALL_ACTIVITY_SCOPES = Object.keys(ACTIVITY_SCOPES) as [ActivityScope, ...ActivityScope[]];

/** A Profile Read token's purpose: which consent a profile must carry to be returned. */
export const PROFILE_PURPOSES = {
  personalisation: "Personalisation",
  service: "Customer service",
  analytics: "Analytics",
} as const;
export type ProfilePurpose = keyof typeof PROFILE_PURPOSES;

/** What each purpose is for: the form's hint beside each choice. */
export const PROFILE_PURPOSE_HINTS: Record<ProfilePurpose, string> = {
  personalisation: "Tailoring what customers see, e.g. on your website or in emails",
  service: "Helping customers who contact you",
  analytics: "Measuring and reporting",
};
export const ALL_PROFILE_PURPOSES = Object.keys(PROFILE_PURPOSES) as [ProfilePurpose, ...ProfilePurpose[]];
export const DEFAULT_PURPOSE: ProfilePurpose = "personalisation";

/** "Daily profile limit (distinct customers)" unless set otherwise. */
export const DEFAULT_DAILY_PROFILE_LIMIT = 10_000;
export const MAX_DAILY_PROFILE_LIMIT = 1_000_000;

/** `scopes` as people read them: their checkbox labels, in the form's order ("(none)" when empty). */
export function scopeLabels(scopes: readonly string[]): string {
  const labels = ALL_ACTIVITY_SCOPES.filter((scope) => scopes.includes(scope)).map((scope) => ACTIVITY_SCOPES[scope]);
  return labels.length ? labels.join(", ") : "(none)";
}

/** A stored purpose as people read it ("(none)" for Activity tokens). */
export function purposeLabel(purpose: string | null): string {
  return purpose ? (PROFILE_PURPOSES[purpose as ProfilePurpose] ?? purpose) : "(none)";
}

/** The columns a new token of `type` gets unless its form says otherwise. */
export function typeDefaults(type: TokenType): { scopes: string[]; purpose: ProfilePurpose | null; dailyProfileLimit: number | null } {
  return type === "activity"
    ? { scopes: [...ALL_ACTIVITY_SCOPES], purpose: null, dailyProfileLimit: null }
    : { scopes: [], purpose: DEFAULT_PURPOSE, dailyProfileLimit: DEFAULT_DAILY_PROFILE_LIMIT };
}
