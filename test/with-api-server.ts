import { afterAll, beforeAll } from "vitest";
import { startTokenInvalidation } from "@/lib/api/invalidation/token-invalidation";
import { startApiServer } from "./api-server";

/**
 * A test file's API server: the token cache's listener, then the server, started before the
 * file's tests and closed after them. Read `port` inside tests (it is set by then).
 */
export function withApiServer(options: Parameters<typeof startApiServer>[0] = {}) {
  let server: Awaited<ReturnType<typeof startApiServer>> | undefined;
  beforeAll(async () => {
    await startTokenInvalidation();
    server = await startApiServer(options);
  }, 120_000);
  afterAll(async () => {
    await server?.close();
  });
  return {
    get port(): number {
      if (!server) throw new Error("the API server starts in beforeAll: read port inside a test");
      return server.port;
    },
  };
}
