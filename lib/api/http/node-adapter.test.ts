import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { call, startApiServer } from "@/test/api-server";

const logged = vi.hoisted(() => [] as Array<Record<string, unknown>>);
vi.mock("@/lib/log", () => ({ log: { info: () => {}, error: (fields: Record<string, unknown>) => logged.push(fields) } }));
// A bug behind the router: neither bad input nor a lost database.
vi.mock("./routes", () => ({
  routeApiRequest: async () => {
    throw new TypeError("x is undefined");
  },
}));

let server: Awaited<ReturnType<typeof startApiServer>>;
beforeAll(async () => {
  server = await startApiServer();
});
afterAll(() => server?.close());

describe("an unexpected failure", () => {
  it("answers 500 internal without Retry-After or details, and logs the error's name and stack, not the request", async () => {
    const result = await call(server.port, "/api/v1/profile?email=jane%40example.com", { token: "hub_prf_x" });
    expect(result.status).toBe(500);
    expect(result.body).toEqual({ error: { code: "internal", message: "Something went wrong on our side. The failure has been logged." } });
    expect(result.headers["retry-after"]).toBeUndefined();
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ path: "/api/v1/profile", error: [{ name: "TypeError", stack: expect.stringMatching(/^\s+at /) }] });
    expect(JSON.stringify(logged[0])).not.toMatch(/hub_prf_x|email=/);
  });
});
