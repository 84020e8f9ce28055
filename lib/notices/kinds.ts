// The email notices an admin gets about the account's tokens (PRODUCT.md §12), one registry:
// the key is what users.notice_opt_outs stores, the label what My account's checkbox says.
// Dependency-free: the My account form imports it too.

export const NOTICE_KINDS = [
  { key: "token.exposed", label: "A token is compromised", hint: "Someone reported it as leaked; the Hub revoked it." },
  { key: "token.suspicious", label: "A token shows suspicious activity", hint: "Its lookups looked like enumeration; the Hub throttles it until reviewed." },
  { key: "token.expiring", label: "Tokens expire within 7 days", hint: "One mail an hour at most, naming each token once." },
  { key: "token.paused", label: "A token is paused for disuse", hint: "The token policy paused a token that was not used." },
  { key: "token.old_token_in_use", label: "An old token is still in use as it stops", hint: "After a reset, the old token was used in the last hour before it stops working." },
] as const;

export type NoticeKind = (typeof NOTICE_KINDS)[number]["key"];

export const NOTICE_KEYS = NOTICE_KINDS.map((k) => k.key) as [NoticeKind, ...NoticeKind[]];
