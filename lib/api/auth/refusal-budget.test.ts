import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { redisReady } from "@/test/redis";
import { parseClientIp, parseIpEntry, type IpEntry } from "@/lib/net/ip";
import { generateToken } from "@/lib/tokens/secret";
import { authenticate } from "@/test/authenticate";
import { ANONYMOUS_LIMIT } from "./rate-limit";
import type { ApiToken } from "@/lib/tokens/api-token";
import type { ApiRequest } from "../http/types";

const known = vi.hoisted(() => ({ token: null as ApiToken | null }));
vi.mock("./token-cache", async (importOriginal) => ({
  ...(await importOriginal<typeof import("./token-cache")>()),
  findTokenByHash: async () => known.token,
}));

const entry = (text: string) => (parseIpEntry(text) as { ok: true; entry: IpEntry }).entry;
// The secret the known token answers to: authenticate() checks the presented hash is its own.
const presented = generateToken("profile_read");
const request = (from: string): ApiRequest => ({
  method: "GET",
  path: "/api/v1/profile",
  query: new URLSearchParams(),
  header: (name) => (name === "authorization" ? `Bearer ${presented.token}` : undefined),
  clientIp: from,
  clientAddress: parseClientIp(from),
  requestId: "test-request",
  readJson: async () => ({}),
  readRaw: async () => Buffer.alloc(0),
});
const token = (): ApiToken => ({
  id: randomUUID(),
  accountId: randomUUID(),
  type: "profile_read",
  status: "active",
  rateLimit: 3,
  exposedAttributes: ["email"],
  linkingAttribute: "email",
  ipAllowList: [entry("192.0.2.1")],
  expiresAt: null,
  secretHash: presented.hash,
  oldSecretHash: null,
  oldSecretDeprecatedAt: null,
  oldSecretEndsAt: null,
  suspiciousAt: null,
  pausedAt: null,
  scopes: [],
  purpose: "personalisation",
  dailyProfileLimit: 10_000,
});
const statusOf = async (from: string, type: ApiToken["type"]) => {
  const result = await authenticate(request(from), type);
  return result.ok ? 200 : result.response.status;
};

beforeAll(redisReady);

describe("refusals of a known token spend its budget", () => {
  it("answers 429 once a leaked token hammered from a refused IP has spent its budget", async () => {
    known.token = token();
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push(await statusOf("198.51.100.7", "profile_read"));
    expect(statuses).toEqual([403, 403, 403, 429]);
    // The same counter as allowed requests: the owner's own calls are refused too, until the window ends.
    expect(await statusOf("192.0.2.1", "profile_read")).toBe(429);
  });

  it("answers 429 once wrong-type calls have spent the budget", async () => {
    known.token = token();
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push(await statusOf("192.0.2.1", "activity"));
    expect(statuses).toEqual([403, 403, 403, 429]);
  });
});

describe("failed authentications from IPv6", () => {
  it("share one budget across an IPv6 /64: a new address in it is no new budget", async () => {
    known.token = null;
    // A secret of its own: one that a test above saw valid skips the budget.
    const stranger = generateToken("profile_read").token;
    const statusOf = async (from: string, type: ApiToken["type"]) => {
      const result = await authenticate({ ...request(from), header: (name) => (name === "authorization" ? `Bearer ${stranger}` : undefined) }, type);
      return result.ok ? 200 : result.response.status;
    };
    const hex = () => Math.floor(Math.random() * 0xffff).toString(16);
    const prefix = `2001:db8:${hex()}:${hex()}`;
    const from = (i: number) => `${prefix}:${(i >> 16).toString(16)}:${(i & 0xffff).toString(16)}::1`;
    for (let i = 0; i < ANONYMOUS_LIMIT; i++) await statusOf(from(i), "profile_read");
    expect(await statusOf(from(ANONYMOUS_LIMIT), "profile_read")).toBe(429);
    expect(await statusOf(`2001:db8:${hex()}:${hex()}::1`, "profile_read"), "another /64 keeps its own").toBe(401);
  });
});
