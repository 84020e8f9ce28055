import { databaseReady } from "@/lib/readiness";

export const dynamic = "force-dynamic";

/** Readiness: 200 once the database answers (liveness, without the database, is /api/v1/live). */
export async function GET() {
  const ok = await databaseReady();
  return Response.json({ ok }, { status: ok ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}
