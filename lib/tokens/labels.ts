import type { TokenEventAction, TokenType } from "./types";

export const tokenTypeLabels: Record<TokenType, string> = {
  activity: "Activity",
  profile_read: "Profile Read",
};

export const tokenTypeDescriptions: Record<TokenType, string> = {
  activity: "Team performance reporting: users, groups, forms and activity metrics.",
  profile_read: "Read customer profiles from the CDP. Exposes personal data; admins only.",
};

/** The preview shown in lists: prefix only, never the secret. */
export const tokenPreview = (displayPrefix: string) => `${displayPrefix}…`;

/** History's "Action" column. */
export const tokenEventLabels: Record<TokenEventAction, string> = {
  created: "Created",
  edited: "Edited",
  reset: "Reset",
  revoked: "Revoked",
  old_token_stopped: "Old token stopped",
  old_token_ended: "Old token ended",
  marked_suspicious: "Suspicious activity",
  reviewed: "Marked as reviewed",
  exposed: "Reported as leaked",
  paused: "Paused",
  resumed: "Resumed",
  expired: "Expired",
};
