import { TOKEN_CHANGES } from "@/lib/changes/kinds";

// What the audit log's "Action" filter offers: every action a row can carry, as PRODUCT.md §10
// names them. Token changes come from the change rules (a new kind is listed by itself); the
// rest are written with recordAccountChange where they happen.

export const AUDIT_ACTIONS = [
  ...(Object.keys(TOKEN_CHANGES) as (keyof typeof TOKEN_CHANGES)[]),
  "token.searched",
  "privacy.customer_looked_up",
  "privacy.customer_exported",
  "webhook_endpoint.created",
  "webhook_endpoint.enabled",
  "webhook_endpoint.disabled",
  "webhook_endpoint.deleted",
  "webhook_endpoint.secret_rotated",
  "user.invited",
  "user.joined",
  "user.invite_cancelled",
  "user.role_changed",
  "user.removed",
  "user.password_changed",
  "user.password_reset",
  "user.two_factor_enabled",
  "user.two_factor_disabled",
  "user.sessions_signed_out",
  "user.notices_changed",
  "sign_in.succeeded",
  "sign_in.failed",
  "sign_in.throttled",
  "account.created",
  "account.limits_changed",
  "account.settings_changed",
  "account.token_policy_changed",
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const isAuditAction = (value: unknown): value is AuditAction => typeof value === "string" && (AUDIT_ACTIONS as readonly string[]).includes(value);

/** The "Actor" filter beyond the account's users: everyone else by kind. */
export const OTHER_ACTORS = [
  { value: "operator", label: "Operator" },
  { value: "system", label: "System" },
  { value: "reporter", label: "Leak reporters" },
] as const;

/** "Find a token"'s answer when the pasted value is none of the account's tokens (PRODUCT.md §10). */
export const NO_MATCH = "No token of this account matches.";
