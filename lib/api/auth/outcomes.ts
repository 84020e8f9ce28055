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
}

const tokenTypeWithArticle: Record<TokenType, string> = { activity: "an Activity", profile_read: "a Profile Read" };

/**
 * The one table from a refusal to what the caller is told. The database and the Usage tab
 * count by the outcome's name; callers see the contract's error code, whose status http/errors.ts
 * holds. The two vocabularies meet here and nowhere else.
 */
const refusals: Record<Refusal, { code: ErrorCode; message?: (context: RefusalContext) => string | undefined }> = {
  invalid: { code: "invalid_token" },
  wrong_type: { code: "wrong_token_type", message: ({ needed }) => `This endpoint needs ${tokenTypeWithArticle[needed]} token.` },
  ip_refused: { code: "ip_not_allowed" },
  rate_limited: {
    code: "rate_limited",
    message: ({ rate, anonymous }) =>
      anonymous ? undefined : `Rate limit of ${rate.limit} requests per minute exceeded. Retry after ${rate.resetSeconds} seconds.`,
  },
};

export function refusal(outcome: Refusal, context: RefusalContext, headers: Record<string, string>): ApiResponse {
  const { code, message } = refusals[outcome];
  return apiError(code, message?.(context), headers);
}
