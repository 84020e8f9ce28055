import { usageOutcomeEnum } from "@/db/tables";
import { apiError, type ErrorCode } from "../http/errors";
import type { RateState } from "./rate-limit";
import type { TokenType } from "@/lib/tokens/types";
import type { ApiResponse } from "../http/types";

/** What happened to a request that presented a known token: the names usage is counted by. */
export type Outcome = (typeof usageOutcomeEnum.enumValues)[number];
export type Refusal = Exclude<Outcome, "allowed">;

interface RefusalContext {
  /** The token type the endpoint needs. */
  needed: TokenType;
  rate: RateState;
  /** No token to speak of: the caller's IP was counted instead. */
  anonymous: boolean;
  /** The scope the endpoint needs, when it needs one (Activity endpoints). */
  scope?: string;
}

const tokenTypeWithArticle: Record<TokenType, string> = { activity: "an Activity", profile_read: "a Profile Read" };

/**
 * The one table from a refusal to what the caller is told. The database and the Usage tab
 * count by the outcome's name; callers see the contract's error code, whose status http/errors.ts
 * holds. The two vocabularies meet here and nowhere else.
 */
const refusals: Record<Refusal, { code: ErrorCode; message?: (context: RefusalContext) => string | undefined; headers?: (context: RefusalContext) => Record<string, string> }> = {
  invalid: { code: "invalid_token" },
  wrong_type: { code: "wrong_token_type", message: ({ needed }) => `This endpoint needs ${tokenTypeWithArticle[needed]} token.` },
  ip_refused: { code: "ip_not_allowed" },
  // RFC 6750 §3.1: the header names the scope a token would need, so callers can tell the owner.
  out_of_scope: {
    code: "insufficient_scope",
    message: ({ scope }) => `This token does not have the ${scope} scope this endpoint needs. Its owner can add it in the token's Details.`,
    headers: ({ scope }) => ({ "WWW-Authenticate": `Bearer error="insufficient_scope", scope="${scope}"` }),
  },
  rate_limited: {
    code: "rate_limited",
    message: ({ rate, anonymous }) =>
      anonymous ? undefined : `Rate limit of ${rate.limit} requests per minute exceeded. Retry after ${rate.resetSeconds} seconds.`,
  },
};

export function refusal(outcome: Refusal, context: RefusalContext, headers: Record<string, string>): ApiResponse {
  const { code, message, headers: own } = refusals[outcome];
  return apiError(code, message?.(context), { ...headers, ...own?.(context) });
}
