import type { apiTokens } from "@/db/tables";
import type { IpEntry } from "@/lib/net/ip";

/**
 * A token as the API checks a request against it (lib/api/auth): the columns its lookup reads
 * (lib/api/auth/queries.ts lists exactly these), its IP whitelist parsed. Governance records
 * what such a token did, so the type lives here, below both.
 */
export type ApiToken = Pick<
  typeof apiTokens.$inferSelect,
  | "id"
  | "accountId"
  | "type"
  | "status"
  | "rateLimit"
  | "exposedAttributes"
  | "linkingAttribute"
  | "expiresAt"
  | "secretHash"
  | "oldSecretHash"
  | "oldSecretDeprecatedAt"
  | "oldSecretEndsAt"
  | "suspiciousAt"
  | "pausedAt"
  | "scopes"
  | "purpose"
  | "dailyProfileLimit"
> & { ipAllowList: IpEntry[] };
