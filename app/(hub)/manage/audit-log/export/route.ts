import { auditLogExport } from "@/lib/audit/export";
import { auditQueryParams, parseAuditQuery } from "@/lib/audit/filters";
import { auditExportUser } from "@/lib/audit/page-data";
import { exportContentTypes, isExportFormat } from "@/lib/export-stream";

const headers = { "Cache-Control": "no-store" };

/** The audit log as CSV or NDJSON, streamed, under the page's filters: admins only (anyone else, 404). */
export async function GET(request: Request) {
  const user = await auditExportUser();
  if (!user) return new Response("Not found", { status: 404, headers });
  const url = new URL(request.url);
  const format = url.searchParams.get("format") ?? "csv";
  if (!isExportFormat(format)) return new Response("format must be csv or ndjson", { status: 400, headers });
  const query = parseAuditQuery(Object.fromEntries(url.searchParams));
  if (query.errors.length > 0) return new Response(query.errors.join(" "), { status: 400, headers });
  const name = `audit-log-${query.from || "start"}-to-${query.to || "now"}${auditQueryParams(query).has("action") ? `-${query.action}` : ""}.${format}`;
  return new Response(auditLogExport(user.accountId, query.filter, format), {
    headers: { ...headers, "Content-Type": exportContentTypes[format], "Content-Disposition": `attachment; filename="${name}"` },
  });
}
