import type { TokenType } from "./types";

/**
 * A first request to try with a new token. It names $HUB_API_TOKEN rather than the secret,
 * so the token does not end up in shell history.
 */
export function curlExample(origin: string, type: TokenType, linkingAttribute?: string | null): string {
  const auth = `-H "Authorization: Bearer $HUB_API_TOKEN"`;
  if (type === "activity") return `curl ${auth} ${origin}/api/v1/users`;
  const key = linkingAttribute || "email";
  return `curl ${auth} "${origin}/api/v1/profile?${key}=<${key}>"`;
}
