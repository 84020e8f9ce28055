import { decide, identify, misroutedRateHeaders, readCredential } from "@/lib/api/auth/authenticate";
import type { ApiRequest } from "@/lib/api/http/types";
import type { TokenType } from "@/lib/tokens/types";

/** What the router asks of authentication for a route of `type` (parse, identify, decide), without recording the outcome. */
export async function authenticate(request: ApiRequest, type: TokenType) {
  return decide(request, await identify(request, readCredential(request)), type);
}

/** What the router asks of it for a path no route takes: the token's rate-limit fields. */
export async function identifiedRateHeaders(request: ApiRequest) {
  return misroutedRateHeaders(request, await identify(request, readCredential(request)));
}
