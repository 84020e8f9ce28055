/**
 * Each journey signs in to an account of its own, created fresh before the server starts, so
 * tests never share tokens, caps or history.
 */
export const journeyAccounts = ["activity", "profile-read", "cap", "roles", "keyboard", "api", "instances", "secrets", "a11y", "throttle", "lockout", "rotation", "expiry", "policy", "webhooks", "webhooks-a11y", "governance", "docs", "leaks", "shorten", "proxy", "team", "team-reset", "team-a11y", "account-password", "account-sessions", "account-two-factor", "account-a11y", "account-required", "audit", "audit-other", "lifecycle", "lifecycle-cap", "token-policy", "lifecycle-a11y", "privacy", "privacy-a11y", "account-notices", "daily-limit", "consent", "scopes"] as const;
export type JourneyAccount = (typeof journeyAccounts)[number];

export const journeySlug = (key: JourneyAccount) => `e2e-${key}`;
export const journeyEmail = (key: JourneyAccount, role: "admin" | "marketer") => `${role}@${journeySlug(key)}.test`;

/** Journeys that read profiles: their account gets this many demo profiles, Jane Remington first, then Sam Okafor. */
export const seededProfiles: Partial<Record<JourneyAccount, number>> = { governance: 20, proxy: 1, privacy: 20, "daily-limit": 3, consent: 2 };

/** Tokens some journeys start with (their secrets are thrown away). */
export const seededTokens: Partial<Record<JourneyAccount, Array<{ type: "activity" | "profile_read"; description: string }>>> = {
  cap: Array.from({ length: 5 }, (_, i) => ({ type: "activity" as const, description: `Cap filler ${i + 1}` })),
  // Four of five places taken: the journey's expiring token fills the fifth.
  expiry: Array.from({ length: 4 }, (_, i) => ({ type: "activity" as const, description: `Long-lived ${i + 1}` })),
  // Never expires: the operator's new maximum lists it without cutting it.
  policy: [{ type: "activity", description: "Older than the policy" }],
  // Four of five places taken: the journey's token, paused, holds the fifth.
  "lifecycle-cap": Array.from({ length: 4 }, (_, i) => ({ type: "activity" as const, description: `Lifecycle filler ${i + 1}` })),
  // Never expires: listed under Needs attention for the axe checks.
  "lifecycle-a11y": [{ type: "activity", description: "Needs a look" }],
  roles: [
    { type: "profile_read", description: "Seeded profile feed" },
    { type: "activity", description: "Seeded activity feed" },
  ],
};

/** An account made by `create-account` (lib/accounts/create-account.ts): its admin must choose a new password. */
export const FIRST_SIGN_IN = { slug: "e2e-first-sign-in", email: "owner@e2e-first-sign-in.test" } as const;

/** Journeys whose account requires two-factor authentication of its admins. */
export const requiresAdminTwoFactor: ReadonlySet<JourneyAccount> = new Set(["account-required"]);
