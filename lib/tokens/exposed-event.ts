import type { Tx } from "@/db";
import type { TokenType } from "./types";

/** What a `token.exposed` event says about a leaked token: never its secret. */
export interface TokenExposure {
  tokenId: string;
  accountId: string;
  type: TokenType;
  /** Which of the token's secrets was found: the current one or a reset's old one. */
  secret: "current" | "old";
  /** Where it was found, when the reporter said (GitHub gives a URL); null otherwise. */
  url: string | null;
  /** Who reported it, e.g. "GitHub secret scanning" or "Public report". */
  reporter: string;
  exposedAt: Date;
}

/**
 * `token.exposed` fires here, inside the transaction that marks the token compromised, so the
 * event commits with the revocation or not at all. The webhook outbox is wired in here
 * (`enqueueTokenEvent(tx, …)`); until then nothing is sent.
 */
export async function announceTokenExposed(_tx: Tx, _exposure: TokenExposure): Promise<void> {}
