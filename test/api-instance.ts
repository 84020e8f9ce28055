/**
 * One more app instance for tests that need several: the API handler with its own caches and
 * its own LISTEN connection, in a process of its own, on an ephemeral port it prints as
 * `port=<n>`. Run with `npx tsx test/api-instance.ts` against an already migrated DATABASE_URL.
 */
import { startTokenInvalidation } from "@/lib/api/invalidation/token-invalidation";
import { startApiServer } from "./api-server";

async function main() {
  await startTokenInvalidation();
  const server = await startApiServer();
  process.stdout.write(`port=${server.port}\n`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
