import type { Tx } from "@/db";

export interface TokenSuspiciousEvent {
  tokenId: string;
  accountId: string;
  reason: string;
  at: Date;
}

/**
 * Where `token.suspicious` is to be sent once webhooks exist: called once per alarm, inside the
 * transaction that marks the token (and writes its History row), so an event queued here with
 * `tx` goes out exactly when the mark commits, from the one instance whose update won.
 */
export async function queueTokenSuspicious(tx: Tx, event: TokenSuspiciousEvent): Promise<void> {
  void tx;
  void event;
}
