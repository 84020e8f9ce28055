import type { TokenType } from "@/lib/tokens/types";
import type { Role } from "./queries";

/** What each role may do: marketers work with Activity tokens only. Checked on the server by every action. */
export type Permission =
  | "tokens:view"
  | "tokens:write-activity"
  | "tokens:write-profile-read"
  | "tokens:reset"
  | "tokens:revoke"
  | "tokens:set-rate-limit"
  | "tokens:set-expiry"
  // Pause and resume a token; the account's token policy (PRODUCT.md §12).
  | "tokens:pause"
  | "tokens:policy"
  | "webhooks:manage"
  // Team (PRODUCT.md §9): invite, cancel invites, change roles, remove users, reset-password links.
  | "team:manage"
  // A Profile Read token's Access log and export, "Mark as reviewed", "Add to whitelist".
  | "tokens:governance"
  // Account-wide sign-in settings ("Require two-factor authentication for admins").
  | "account:settings"
  // The account-wide audit log, its export and "Find a token".
  | "audit:read"
  // Customer data access (/manage/privacy): which tokens read one customer, and its export.
  | "privacy:read"
  // Email notices about the account's tokens, and choosing which in My account (PRODUCT.md §12).
  | "notices:receive";

const grants: Record<Role, ReadonlySet<Permission>> = {
  admin: new Set(["tokens:view", "tokens:write-activity", "tokens:write-profile-read", "tokens:reset", "tokens:revoke", "tokens:set-rate-limit", "tokens:set-expiry", "tokens:pause", "tokens:policy", "webhooks:manage", "team:manage", "tokens:governance", "account:settings", "audit:read", "privacy:read", "notices:receive"]),
  marketer: new Set(["tokens:view", "tokens:write-activity"]),
};

export function can(user: { role: Role }, permission: Permission): boolean {
  return grants[user.role].has(permission);
}

/** Creating or editing a token: Profile Read tokens expose personal data, so they need more. */
export function canWriteToken(user: { role: Role }, type: TokenType): boolean {
  return can(user, type === "profile_read" ? "tokens:write-profile-read" : "tokens:write-activity");
}
