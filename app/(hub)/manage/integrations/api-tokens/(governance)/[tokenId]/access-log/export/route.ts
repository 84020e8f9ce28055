import { accessLogExport, exportContentTypes, type ExportFormat } from "@/lib/governance/export";
import { parseAccessQuery } from "@/lib/governance/filters";
import { accessLogExportScope } from "@/lib/governance/page-data";

const headers = { "Cache-Control": "no-store" };

/** The Access log as CSV or NDJSON, streamed: admins only (anyone else, 404), the range from the query. */
export async function GET(request: Request, { params }: { params: Promise<{ tokenId: string }> }) {
  const scope = await accessLogExportScope((await params).tokenId);
  if (!scope) return new Response("Not found", { status: 404, headers });
  const url = new URL(request.url);
  const format = url.searchParams.get("format") ?? "csv";
  if (format !== "csv" && format !== "ndjson") return new Response("format must be csv or ndjson", { status: 400, headers });
  const query = parseAccessQuery(Object.fromEntries(url.searchParams));
  if (query.errors.length > 0) return new Response(query.errors.join(" "), { status: 400, headers });
  const name = `access-log-${scope.token.displayPrefix}-${query.from || "start"}-to-${query.to || "now"}.${format}`;
  return new Response(accessLogExport(scope.user.accountId, scope.token.id, query.filter, format as ExportFormat), {
    headers: { ...headers, "Content-Type": exportContentTypes[format], "Content-Disposition": `attachment; filename="${name}"` },
  });
}
