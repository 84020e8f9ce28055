import { sql } from "drizzle-orm";
import { userSummaryReport, userVolumeReport } from "./members";
import { caseClassificationsReport, caseSummaryReport, caseVolumeReport } from "./cases";
import { npsSummaryReport, npsVolumeReport } from "./nps";
import { classificationsReport, responseVolumeReport, statesReport, statesVolumeReport, summaryReport } from "./objects";
import { NPS_REPORTS, parseReportRequest, type ReportRequest, type ReportType } from "./request";
import { rows, type Scope } from "./sql";

export { parseReportRequest, REPORT_TYPES, reportRequestSchema, type ReportRequest, type ReportType } from "./request";

const reports: Record<ReportType, (s: Scope) => Promise<unknown>> = {
  summary: summaryReport,
  states_volume: statesVolumeReport,
  states: statesReport,
  classifications: classificationsReport,
  response_volume: responseVolumeReport,
  user_summary: userSummaryReport,
  user_volume: userVolumeReport,
  case_summary: caseSummaryReport,
  case_volume: caseVolumeReport,
  case_classifications: caseClassificationsReport,
  nps_summary: npsSummaryReport,
  nps_volume: npsVolumeReport,
};

/**
 * The request's ids checked against the account: another account's id answers exactly like an
 * id that does not exist. Returns the one problem to report, or null.
 */
async function checkIds(accountId: string, request: ReportRequest): Promise<string | null> {
  const list = (ids: string[]) => sql`${`{${ids.join(",")}}`}::uuid[]`;
  const [found] = await rows<{ users: number; groups: number; nps: boolean | null }>(sql`
    select (select count(*)::int from team_members where account_id = ${accountId}::uuid and id = any(${list(request.users)})) as users,
           (select count(*)::int from team_groups where account_id = ${accountId}::uuid and id = any(${list(request.groups)})) as groups,
           (select nps from forms where account_id = ${accountId}::uuid and id = ${request.form ?? "00000000-0000-0000-0000-000000000000"}::uuid) as nps`);
  if (found!.users !== new Set(request.users).size) return "users holds an id that is not one of this account's team members (see GET /api/v1/users)";
  if (found!.groups !== new Set(request.groups).size) return "groups holds an id that is not one of this account's groups (see GET /api/v1/groups)";
  if ((NPS_REPORTS as readonly string[]).includes(request.type) && found!.nps !== true) {
    return "form must be the id of one of this account's forms with nps: true (see GET /api/v1/forms)";
  }
  return null;
}

/** One report for the token's account, or the one problem with the body. */
export async function runReport(accountId: string, body: unknown, now = Date.now()): Promise<{ ok: true; body: unknown } | { ok: false; message: string }> {
  const parsed = parseReportRequest(body, now);
  if (!parsed.ok) return parsed;
  const problem = await checkIds(accountId, parsed.request);
  if (problem) return { ok: false, message: problem };
  return { ok: true, body: await reports[parsed.request.type]({ accountId, request: parsed.request, now }) };
}
