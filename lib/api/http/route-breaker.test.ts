import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { withTestDatabase } from "@/test/database";
import { issueToken, seedApiAccount } from "@/test/api-fixtures";
import { databaseBreaker } from "./database-breaker";
import { RequestError } from "./errors";
import { routeApiRequest } from "./routes";
import type { ApiRequest } from "./types";

// What each kind of route tells the database breaker (routes.ts, settle). A token route's
// handler queries the database whatever it answers, so any answer of it counts as reaching it;
// a public route reached it only when it succeeded (a refused body never asked).

withTestDatabase();

let token: string;
beforeAll(async () => {
  const { actor } = await seedApiAccount();
  ({ token } = await issueToken(actor, { type: "activity", description: "breaker outcomes" }));
}, 120_000);
afterEach(() => {
  vi.restoreAllMocks();
});

function request(method: string, path: string, options: { token?: string; body?: unknown; throws?: Error } = {}): ApiRequest {
  const read = async () => {
    if (options.throws) throw options.throws;
    return options.body;
  };
  return {
    method,
    path,
    query: new URLSearchParams(),
    header: (name) => (name.toLowerCase() === "authorization" && options.token ? `Bearer ${options.token}` : undefined),
    clientIp: `192.0.2.${1 + Math.floor(Math.random() * 200)}`,
    clientAddress: null,
    requestId: "test-request",
    readJson: read,
    readRaw: async () => Buffer.from(JSON.stringify(await read())),
  };
}

/** The answer's status and what the breaker was told about it. */
async function settled(r: ApiRequest) {
  const settle = vi.spyOn(databaseBreaker, "settle");
  settle.mockClear();
  const response = await routeApiRequest(r);
  expect(settle).toHaveBeenCalledTimes(1);
  return { status: response.status, outcome: settle.mock.calls[0]![0] };
}

describe("token routes", () => {
  it("count any answer of the handler, a 400 too, as reaching the database", async () => {
    expect(await settled(request("GET", "/api/v1/forms", { token }))).toEqual({ status: 200, outcome: "reached" });
    expect(await settled(request("POST", "/api/v1/activity/query", { token, body: { metric: "nonsense" } }))).toEqual({ status: 400, outcome: "reached" });
  });

  it("say nothing for a refused token, a misroute or the caller's unreadable body", async () => {
    expect(await settled(request("GET", "/api/v1/forms", { token: "hub_act_wrong" }))).toMatchObject({ status: 401, outcome: "skipped" });
    expect(await settled(request("DELETE", "/api/v1/forms", { token }))).toEqual({ status: 405, outcome: "skipped" });
    const tooLarge = new RequestError("payload_too_large");
    expect(await settled(request("POST", "/api/v1/activity/query", { token, throws: tooLarge }))).toEqual({ status: 413, outcome: "skipped" });
  });

  it("report a failure that is not the caller's, and answer 503 without the database while refused", async () => {
    const lost = Object.assign(new Error("connection lost"), { code: "ECONNRESET" });
    expect(await settled(request("POST", "/api/v1/activity/query", { token, throws: lost }))).toEqual({ status: 503, outcome: { error: lost } });
    // The breaker is open now (a real connection failure): closed again for the tests after.
    databaseBreaker.settle("reached");
    vi.spyOn(databaseBreaker, "admit").mockReturnValue(false);
    const settle = vi.spyOn(databaseBreaker, "settle");
    settle.mockClear();
    expect((await routeApiRequest(request("GET", "/api/v1/forms", { token }))).status).toBe(503);
    expect(settle).not.toHaveBeenCalled();
  });
});

describe("public routes", () => {
  it("count only a success as reaching the database", async () => {
    expect(await settled(request("POST", "/api/v1/tokens/revoke", { body: { tokens: ["hub_act_notarealtoken"] } }))).toEqual({ status: 202, outcome: "reached" });
    expect(await settled(request("POST", "/api/v1/tokens/revoke", { body: { tokens: "not a list" } }))).toEqual({ status: 400, outcome: "skipped" });
  });

  it("answer 503 with their rate-limit fields while the breaker refuses", async () => {
    vi.spyOn(databaseBreaker, "admit").mockReturnValue(false);
    const response = await routeApiRequest(request("POST", "/api/v1/tokens/revoke", { body: { tokens: [] } }));
    expect(response.status).toBe(503);
    expect(response.headers).toHaveProperty("RateLimit-Policy", '"default";q=30;w=60');
  });
});
