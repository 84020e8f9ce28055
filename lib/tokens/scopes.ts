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
export const ALL_ACTIVITY_SCOPES = Object.keys(ACTIVITY_SCOPES) as [ActivityScope, ...ActivityScope[]];

/** A Profile Read token's purpose: which consent a profile must carry to be returned. */
export const PROFILE_PURPOSES = {
  personalisation: "Personalisation",
  service: "Customer service",
  analytics: "Analytics",
} as const;
export type ProfilePurpose = keyof typeof PROFILE_PURPOSES;
export const DEFAULT_PURPOSE: ProfilePurpose = "personalisation";

/** "Daily profile limit (distinct customers)" unless set otherwise. */
export const DEFAULT_DAILY_PROFILE_LIMIT = 10_000;

/** The columns a new token of `type` gets unless its form says otherwise. */
export function typeDefaults(type: TokenType): { scopes: string[]; purpose: ProfilePurpose | null; dailyProfileLimit: number | null } {
  return type === "activity"
    ? { scopes: [...ALL_ACTIVITY_SCOPES], purpose: null, dailyProfileLimit: null }
    : { scopes: [], purpose: DEFAULT_PURPOSE, dailyProfileLimit: DEFAULT_DAILY_PROFILE_LIMIT };
}
