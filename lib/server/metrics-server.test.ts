import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { profiles } from "@/db/tables";
import { startTokenInvalidation } from "@/lib/api/invalidation/token-invalidation";
import { withTestDatabase } from "@/test/database";
import { issueToken, seedApiAccount } from "@/test/api-fixtures";
import { call, startApiServer } from "@/test/api-server";
import { startMetricsServer } from "./metrics-server";

withTestDatabase();

let api: Awaited<ReturnType<typeof startApiServer>>;
let metrics: Server;
let token: string;

beforeAll(async () => {
  const { accountId, actor } = await seedApiAccount();
  await getDb().insert(profiles).values({ accountId, attributes: { email: "metrics@example.test", first_name: "Mia" } });
  await startTokenInvalidation();
  metrics = await startMetricsServer(0, "127.0.0.1");
  api = await startApiServer();
  token = (await issueToken(actor, { type: "profile_read", description: "metrics", exposedAttributes: ["first_name"], linkingAttribute: "email", ipAllowList: [{ value: "127.0.0.1" }] })).token;
}, 120_000);
afterAll(async () => {
  await api?.close();
  await new Promise((resolve) => metrics?.close(resolve));
});

async function scrape(path = "/metrics"): Promise<{ status: number; type: string | null; text: string }> {
  const { port } = metrics.address() as AddressInfo;
  const response = await fetch(`http://127.0.0.1:${port}${path}`);
  return { status: response.status, type: response.headers.get("content-type"), text: await response.text() };
}

/** A sample's value, or 0 when the series has not appeared yet. */
function sample(text: string, series: string): number {
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

describe("GET /metrics on METRICS_PORT", () => {
  it("counts API answers by route and outcome, and cache lookups by result", async () => {
    const before = (await scrape()).text;
    const ok = 'hub_api_requests_total{route="/api/v1/profile",status="200",outcome="ok"}';
    const refused = 'hub_api_requests_total{route="/api/v1/profile",status="401",outcome="invalid_token"}';
    const profileHits = 'hub_cache_lookups_total{cache="profile",result="hit"}';
    const profileMisses = 'hub_cache_lookups_total{cache="profile",result="miss"}';

    const first = await call(api.port, "/api/v1/profile?email=metrics@example.test", { token });
    const second = await call(api.port, "/api/v1/profile?email=metrics@example.test", { token });
    expect([first.status, second.status]).toEqual([200, 200]);
    expect((await call(api.port, "/api/v1/profile?email=x@example.test", { token: "not-a-token" })).status).toBe(401);
    expect((await call(api.port, "/api/v1/no-such-thing/12345")).status).toBe(404);

    const after = await scrape();
    expect(after.status).toBe(200);
    expect(after.type).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(sample(after.text, ok) - sample(before, ok)).toBe(2);
    expect(sample(after.text, refused) - sample(before, refused)).toBe(1);
    // The first lookup asked the database, the second was answered from the cache.
    expect(sample(after.text, profileMisses) - sample(before, profileMisses)).toBeGreaterThanOrEqual(1);
    expect(sample(after.text, profileHits) - sample(before, profileHits)).toBe(1);
    // Made-up paths share one label: a scanner cannot grow the series without bound.
    expect(after.text).toContain('hub_api_requests_total{route="other",status="404",outcome="not_found"}');
    expect(after.text).not.toContain("no-such-thing");
    expect(after.text).toMatch(/hub_api_request_duration_seconds_bucket\{le="0\.005",route="\/api\/v1\/profile"\} \d+/);
    // Never a token, an email or any other value from a request.
    expect(after.text).not.toContain("metrics@example.test");
    expect(after.text).not.toContain(token.slice(0, 12));
  });

  it("reports the webhook outbox, the database connections, the event loop and the process", async () => {
    const { text } = await scrape();
    expect(text).toMatch(/^hub_webhook_outbox_pending \d+$/m);
    expect(text).toMatch(/^hub_webhook_outbox_oldest_due_seconds [\d.]+$/m);
    expect(text).toMatch(/^hub_db_pool_size \d+$/m);
    expect(text).toMatch(/^hub_db_connections\{state="\w[\w ]*"\} \d+$/m);
    expect(text).toMatch(/^nodejs_eventloop_lag_p99_seconds [\d.e-]+$/m);
    expect(text).toMatch(/^process_cpu_user_seconds_total [\d.e-]+$/m);
    expect(text).toMatch(/^process_resident_memory_bytes \d+$/m);
  });

  it("answers only GET /metrics", async () => {
    expect((await scrape("/")).status).toBe(404);
    expect((await scrape("/api/v1/live")).status).toBe(404);
  });
});
