import { exportContentTypes, isExportFormat } from "@/lib/export-stream";
import { chargeLookup } from "@/lib/privacy/budget";
import { customerScope } from "@/lib/privacy/customer-access";
import { customerAccessExport } from "@/lib/privacy/export";
import { privacyExportUser } from "@/lib/privacy/page-data";
import { recordCustomerLookup } from "@/lib/privacy/record";
import { customerLookupSchema } from "@/lib/privacy/schema";
import { requestIp } from "@/lib/request-ip";
import { isCrossSite } from "@/lib/same-origin";

const headers = { "Cache-Control": "no-store" };
const text = (body: string, status: number) => new Response(body, { status, headers: { ...headers, "Content-Type": "text/plain; charset=utf-8" } });

/**
 * Customer data access as CSV or NDJSON, streamed: admins only (anyone else, 404). A POST form,
 * so the customer's email or ID travels in the body, never in a URL (history, proxy and access
 * logs); the file's name holds only the date.
 */
export async function POST(request: Request) {
  const user = await privacyExportUser();
  if (!user) return text("Not found", 404);
  if (isCrossSite(request.headers)) return text("Cross-site requests are refused.", 403);
  const form = await request.formData().catch(() => new FormData());
  const format = form.get("format") ?? "csv";
  if (!isExportFormat(format)) return text("format must be csv or ndjson", 400);
  const parsed = customerLookupSchema.safeParse({ value: form.get("value") ?? undefined });
  if (!parsed.success) return text(parsed.error.issues[0]!.message, 400);
  const wait = await chargeLookup(user.id);
  if (wait) return text(wait, 429);
  const scope = await customerScope(user.accountId, parsed.data.value);
  const actor = { id: user.id, name: user.name, accountId: user.accountId, ip: requestIp(request.headers) };
  await recordCustomerLookup(user.accountId, actor, "privacy.customer_exported");
  const name = `customer-data-access-${new Date().toISOString().slice(0, 10)}.${format}`;
  return new Response(customerAccessExport(scope, format), {
    headers: { ...headers, "Content-Type": exportContentTypes[format], "Content-Disposition": `attachment; filename="${name}"` },
  });
}
