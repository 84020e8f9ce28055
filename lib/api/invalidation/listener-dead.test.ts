import { describe, expect, it, vi } from "vitest";

/**
 * A LISTEN connection that goes half-open: it still accepts queries but delivers nothing (the
 * server or a NAT in between is gone without a word). Simulated with a stand-in for postgres.js.
 */
const connections = vi.hoisted(() => [] as Array<{ delivering: boolean; ended: boolean }>);
vi.mock("postgres", () => ({
  default: (_url: string, options: { onnotify: (channel: string, payload: string) => void }) => {
    const connection = { delivering: true, ended: false };
    connections.push(connection);
    return {
      unsafe: async (query: string, params: string[] = []) => {
        // What the server would do with a NOTIFY from a listening session: deliver it to itself.
        if (/pg_notify/i.test(query) && connection.delivering) setTimeout(() => options.onnotify(params[0]!, params[1]!), 1);
        return [];
      },
      end: async () => {
        connection.ended = true;
      },
    };
  },
}));
vi.mock("@/db", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/db")>()),
  getDbHandle: () => ({ kind: "postgres" }),
}));

describe("a LISTEN connection that stops delivering", () => {
  it("is found dead within seconds: the cache goes off, and a new connection is made", async () => {
    process.env.DATABASE_URL = "postgres://stand-in";
    const { tokenCache } = await import("../auth/token-cache");
    const { startTokenInvalidation } = await import("./token-invalidation");
    await startTokenInvalidation();
    expect(tokenCache.isLive()).toBe(true);

    connections[0]!.delivering = false;
    const seconds = { timeout: 10_000, interval: 50 };
    await vi.waitFor(() => expect(tokenCache.isLive()).toBe(false), seconds);
    expect(connections[0]!.ended).toBe(true);
    await vi.waitFor(() => expect({ connections: connections.length, live: tokenCache.isLive() }).toEqual({ connections: 2, live: true }), seconds);
  }, 30_000);
});
