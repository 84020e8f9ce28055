import { activityQuerySchema } from "@/lib/activity/schema";
import { listForms, listGroups, listMembers, runActivityQuery } from "@/lib/activity/queries";
import { reportCache } from "@/lib/activity/reports/cache";
import type { ApiToken } from "@/lib/tokens/api-token";
import { apiError } from "../http/errors";
import { JsonText, type ApiRequest, type ApiResponse } from "../http/types";

// The Activity token's endpoints. What they read is in lib/activity.

const ok = (body: unknown): ApiResponse => ({ status: 200, body });

/** GET /api/v1/users */
export const getUsers = async (_request: ApiRequest, token: ApiToken) => ok({ data: await listMembers(token.accountId) });

/** GET /api/v1/groups */
export const getGroups = async (_request: ApiRequest, token: ApiToken) => ok({ data: await listGroups(token.accountId) });

/** GET /api/v1/forms */
export const getForms = async (_request: ApiRequest, token: ApiToken) => ok({ data: await listForms(token.accountId) });

/** POST /api/v1/activity/query */
export async function postActivityQuery(request: ApiRequest, token: ApiToken): Promise<ApiResponse> {
  const body = await request.readJson();
  const parsed = activityQuerySchema.safeParse(body);
  if (!parsed.success) return apiError("invalid_request", parsed.error.issues.map((i) => i.message).join("; "));
  return ok({ data: await runActivityQuery(token.accountId, parsed.data) });
}

/** Each cached report's answer, serialised once for every request the cache answers with it. */
const serialized = new WeakMap<object, JsonText>();

/** POST /api/v1/activity/reports */
export async function postActivityReports(request: ApiRequest, token: ApiToken): Promise<ApiResponse> {
  // From the account's short-lived report cache when asked the same in the last seconds (cache.ts).
  const report = await reportCache.report(token.accountId, await request.readJson({ anyContentType: true }));
  if (!report.ok) return apiError("invalid_request", report.message);
  // Reports answer bare, not wrapped in `data`: partners' scripts read them that way.
  let text = serialized.get(report);
  if (!text) serialized.set(report, (text = new JsonText(JSON.stringify(report.body))));
  return ok(text);
}
