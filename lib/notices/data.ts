import type { TokenType } from "@/lib/tokens/types";
import type { NoticeKind } from "./kinds";

// What a queued notice holds (mail_outbox.data): the facts its mail is written from when sent.
// Never a secret, its hash or its prefix; descriptions and URLs people typed are redacted first.

export interface NoticeToken {
  id: string;
  description: string;
  type: TokenType;
}

export type NoticeData =
  | { kind: "token.exposed"; token: NoticeToken; at: string; reportedBy: string; foundAt: string | null; leakedSecret: "current" | "old" }
  | { kind: "token.suspicious"; token: NoticeToken; at: string; reason: string }
  | { kind: "token.paused"; token: NoticeToken; at: string; reason: string }
  | { kind: "token.old_token_in_use"; token: NoticeToken; endsAt: string; lastUsedAt: string; lastUsedIp: string | null }
  | { kind: "token.expiring"; tokens: Array<NoticeToken & { expiresAt: string }> };

export type NoticeOf<K extends NoticeKind> = Extract<NoticeData, { kind: K }>;
