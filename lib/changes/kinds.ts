import type { NoticeKind } from "@/lib/notices/kinds";
import type { TokenEventAction } from "@/lib/tokens/types";
import type { TokenWebhookEventType } from "@/lib/webhooks/events";

/** What one kind of change writes besides itself, all in the transaction that makes it. */
export interface ChangeRule {
  /** The token's History row (its "Action" column). */
  history: TokenEventAction;
  /** The webhook event it queues for the endpoints that listen, or none. */
  webhook: TokenWebhookEventType | null;
  /** Whether authentication reads what it changed: every instance then drops its cached entry. */
  invalidates: boolean;
  /** The email notice it queues for the account's admins (PRODUCT.md §12, lib/notices), or none. */
  notice?: NoticeKind;
}

/**
 * Every audited change, named as the audit log (PRODUCT.md §10) and the webhooks name it. A new
 * change is one row here and one `recordChange` call where it is made.
 */
export const TOKEN_CHANGES = {
  "token.created": { history: "created", webhook: "token.created", invalidates: true },
  "token.updated": { history: "edited", webhook: "token.updated", invalidates: true },
  "token.reset": { history: "reset", webhook: "token.reset", invalidates: true },
  // "Stop old token now": the old secret is refused at once, so every cached entry goes.
  "token.old_token_stopped": { history: "old_token_stopped", webhook: null, invalidates: true },
  // Recorded after the fact: the clock already stopped the old secret on every instance.
  "token.old_token_ended": { history: "old_token_ended", webhook: null, invalidates: false },
  "token.revoked": { history: "revoked", webhook: "token.revoked", invalidates: true },
  "token.exposed": { history: "exposed", webhook: "token.exposed", invalidates: true, notice: "token.exposed" },
  // The mark throttles the token on every instance; the review lifts it.
  "token.suspicious": { history: "marked_suspicious", webhook: "token.suspicious", invalidates: true, notice: "token.suspicious" },
  "token.reviewed": { history: "reviewed", webhook: null, invalidates: true },
  // A paused token is refused like a revoked one on every instance at once; resuming lets it back in.
  // The notice goes out for the token policy's pause for disuse only (a person knows what they paused).
  "token.paused": { history: "paused", webhook: "token.paused", invalidates: true, notice: "token.paused" },
  "token.resumed": { history: "resumed", webhook: "token.resumed", invalidates: true },
  // Recorded after the fact by the expiry sweep: the clock already refused the token on every instance.
  "token.expired": { history: "expired", webhook: "token.expired", invalidates: false },
} as const satisfies Record<string, ChangeRule>;

export type TokenChangeKind = keyof typeof TOKEN_CHANGES;
