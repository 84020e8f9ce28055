import { formatDateTime } from "@/lib/format";
import { tokenTypeLabels } from "@/lib/tokens/labels";
import type { NoticeData, NoticeToken } from "./data";

// What each notice says, once: the plain-text and HTML mails (./messages.tsx) are two renderings
// of the same content. Every value here is text: the HTML rendering escapes all of it.

export interface NoticeContent {
  subject: string;
  /** The opening paragraph. */
  lead: string;
  /** Label → value lines about the token and what happened. */
  facts: Array<[string, string]>;
  /** The digest's tokens, each with its Details link. */
  tokens?: Array<{ name: string; detail: string; href: string }>;
  /** What the admin should do now. */
  advice: string;
  /** The main button: the token's Details page (or the token list for a digest). */
  action: { label: string; href: string };
}

const DAY_MS = 86_400_000;
const TOKENS_PATH = "/manage/integrations/api-tokens";

export const tokenDetailsHref = (origin: string, tokenId: string) => `${origin}${TOKENS_PATH}/${encodeURIComponent(tokenId)}`;

const named = (token: NoticeToken) => `"${token.description}"`;
const typed = (token: NoticeToken) => `${tokenTypeLabels[token.type] ?? token.type} token ${named(token)}`;
const details = (origin: string, token: NoticeToken) => ({ label: "Open the token's Details", href: tokenDetailsHref(origin, token.id) });

function daysLeft(expiresAt: string, now: number): string {
  const days = Math.max(0, Math.ceil((new Date(expiresAt).getTime() - now) / DAY_MS));
  return days <= 1 ? "within a day" : `in ${days} days`;
}

/** The content of `data`'s notice to an admin of `accountName`, links starting at `origin`, as of `now`. */
export function noticeContent(data: NoticeData, accountName: string, origin: string, now: number): NoticeContent {
  const prefix = `[${accountName}]`;
  switch (data.kind) {
    case "token.exposed":
      return {
        subject: `${prefix} Token ${named(data.token)} was reported as leaked and revoked`,
        lead: `The ${typed(data.token)} was reported as leaked by ${data.reportedBy}. The Hub revoked it at once: every request with it is now refused.`,
        facts: [
          ["Reported", formatDateTime(data.at)],
          ["Leaked secret", data.leakedSecret === "current" ? "The current token" : "The old token, still working after a reset"],
          ["Found at", data.foundAt ?? "Not given"],
        ],
        advice: "Create a new token for whatever used this one, and remove the leaked token from where it was found.",
        action: details(origin, data.token),
      };
    case "token.suspicious":
      return {
        subject: `${prefix} Suspicious activity on token ${named(data.token)}`,
        lead: `The Hub marked the ${typed(data.token)} "Suspicious activity" and throttles it to 10 requests per minute until an admin marks it as reviewed.`,
        facts: [
          ["Marked", formatDateTime(data.at)],
          ["Why", data.reason],
        ],
        advice: "Check its Access log. If the lookups are expected, mark it as reviewed; if not, reset or revoke it.",
        action: details(origin, data.token),
      };
    case "token.paused":
      return {
        subject: `${prefix} Token ${named(data.token)} was paused: ${data.reason.toLowerCase()}`,
        lead: `Your token policy paused the ${typed(data.token)}. Requests with it are refused until an admin resumes it.`,
        facts: [
          ["Paused", formatDateTime(data.at)],
          ["Why", data.reason],
        ],
        advice: "If something still needs this token, resume it on its Details page. Otherwise revoke it.",
        action: details(origin, data.token),
      };
    case "token.old_token_in_use":
      return {
        subject: `${prefix} The old token of ${named(data.token)} is still in use and stops at ${formatDateTime(data.endsAt)}`,
        lead: `The ${typed(data.token)} was reset with an overlap. Its old token was used within the last hour before it stops working: whatever uses it will be refused from ${formatDateTime(data.endsAt)}.`,
        facts: [
          ["Old token works until", formatDateTime(data.endsAt)],
          ["Old token last used", `${formatDateTime(data.lastUsedAt)}${data.lastUsedIp ? ` from ${data.lastUsedIp}` : ""}`],
        ],
        advice: "Put the new token wherever the old one is still used, before the old one stops.",
        action: details(origin, data.token),
      };
    case "token.expiring": {
      const count = data.tokens.length;
      return {
        subject: `${prefix} ${count === 1 ? "1 token expires" : `${count} tokens expire`} within 7 days`,
        lead: `${count === 1 ? "This token" : "These tokens"} of ${accountName} will expire soon. An expired token is refused like a revoked one.`,
        facts: [],
        tokens: data.tokens.map((t) => ({
          name: typed(t),
          detail: `Expires ${formatDateTime(t.expiresAt)} (${daysLeft(t.expiresAt, now)})`,
          href: tokenDetailsHref(origin, t.id),
        })),
        advice: "Create a replacement for each token that is still needed and put it in place before the old one expires.",
        action: { label: "Open API Tokens", href: `${origin}${TOKENS_PATH}` },
      };
    }
  }
}
