export async function register() {
  // Migrations (and demo data in development) before the first request; never while building.
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { prepareDatabase } = await import("./lib/demo-data");
  await prepareDatabase();
}
