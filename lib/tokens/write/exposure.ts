import { and, eq, gt, inArray, isNull, or } from "drizzle-orm";
import { getDb } from "@/db";
import { apiTokens, type TokenFieldChange } from "@/db/tables";
import { describeError } from "@/lib/error-log";
import { log } from "@/lib/log";
import { carriesSecret } from "@/lib/webhooks/outbox";
import { TARGET } from "./lock";
import { revokeLockedToken } from "./overlap-end";

// Run by the API's Node handler (leak reports), outside Next: no "server-only" marker.

/** Stored as the revocation's reason: the console shows such tokens as "Compromised". */
export const LEAKED_REASON = "reported as leaked";

/** One leaked secret, by its SHA-256, and where it was found when the reporter says. */
export interface LeakedSecret {
  hash: string;
  url: string | null;
}

export interface LeakReport {
  /** History's actor (no user): "Public report" or "GitHub secret scanning". */
  reporter: string;
  /** The reporter's IP, for History. */
  ip: string | null;
  now: Date;
}

/**
 * Revokes every live token whose current secret, or a reset's old secret still in its
 * overlap, is among `leaked`, in one transaction: each gets the reason, where and when it was
 * found, and is recorded as exposed (History, the NOTIFY that empties every instance's cache as
 * the console's Revoke does, and its `token.exposed` event). A leaked old secret revokes the
 * whole token: the new one most likely lives where the old one leaked from. Returns the hashes
 * that matched.
 */
export async function revokeLeakedTokens(leaked: LeakedSecret[], report: LeakReport): Promise<Set<string>> {
  const hashes = [...new Set(leaked.map((l) => l.hash))];
  const { now } = report;
  return getDb().transaction(async (tx) => {
    // Locked in id order: two reports naming the same tokens wait for each other, never deadlock.
    const rows = await tx
      .select({ ...TARGET, secretHash: apiTokens.secretHash, oldSecretHash: apiTokens.oldSecretHash, oldSecretEndsAt: apiTokens.oldSecretEndsAt })
      .from(apiTokens)
      .where(
        and(
          eq(apiTokens.status, "active"),
          or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, now)),
          or(inArray(apiTokens.secretHash, hashes), and(inArray(apiTokens.oldSecretHash, hashes), gt(apiTokens.oldSecretEndsAt, now))),
        ),
      )
      .orderBy(apiTokens.id)
      .for("update");
    const matched = new Set<string>();
    for (const { secretHash, oldSecretHash, ...token } of rows) {
      const current = hashes.includes(secretHash);
      const hash = current ? secretHash : oldSecretHash!;
      matched.add(hash);
      const url = leaked.find((l) => l.hash === hash)?.url ?? null;
      const changes: TokenFieldChange[] = [
        { field: "Status", from: "Active", to: "Compromised" },
        { field: "Leaked secret", from: "", to: current ? "Current token" : "Old token" },
        ...(url ? [{ field: "Found at", from: "", to: url }] : []),
      ];
      // A savepoint per token: one that cannot be revoked is logged and never stops the others.
      try {
        await tx.transaction((savepoint) =>
          revokeLockedToken(savepoint, token, now, {
            kind: "token.exposed",
            actor: { kind: "reporter", name: report.reporter, ip: report.ip },
            changes,
            // A URL that itself holds a secret is left out: a payload never carries one.
            details: { leaked_secret: current ? "current" : "old", found_at: url && !carriesSecret(url) ? url : null, reported_by: report.reporter },
            at: now,
          }, { revokedReason: LEAKED_REASON, exposedAt: now, exposedUrl: url, exposedSource: report.reporter }),
        );
      } catch (error) {
        matched.delete(hash);
        log.error({ tokenId: token.id, error: describeError(error) }, "leaked token not revoked; the rest of its report was");
      }
    }
    return matched;
  });
}
