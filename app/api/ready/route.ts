import { databaseReady } from "@/lib/health";

export const dynamic = "force-dynamic";

export async function GET() {
  const ok = await databaseReady();
  return Response.json({ ok }, { status: ok ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}
