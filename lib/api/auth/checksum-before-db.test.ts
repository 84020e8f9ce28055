import { describe, expect, it, vi } from "vitest";
import { parseClientIp } from "@/lib/net/ip";
import { generateToken } from "@/lib/tokens/secret";
import { authenticate } from "@/test/authenticate";
import type { ApiRequest } from "../http/types";

const db = vi.hoisted(() => ({ opened: 0 }));
vi.mock("@/db", async (importOriginal) => {
  const original = await importOriginal<typeof import("@/db")>();
  return {
    ...original,
    getDb: () => {
      db.opened++;
      return original.getDb();
    },
  };
});

const request = (token: string): ApiRequest => ({
  method: "GET",
  path: "/api/v1/users",
  query: new URLSearchParams(),
  header: (name) => (name === "authorization" ? `Bearer ${token}` : undefined),
  clientIp: "127.0.0.1",
  clientAddress: parseClientIp("127.0.0.1"),
  requestId: "test-request",
  readJson: async () => ({}),
  readRaw: async () => Buffer.alloc(0),
});

describe("checksum before database", () => {
  it("rejects every single-character typo of a real token without a database call", async () => {
    const { token } = generateToken("activity");
    for (let i = 0; i < token.length; i++) {
      const replacement = token[i] === "x" ? "y" : "x";
      const typo = token.slice(0, i) + replacement + token.slice(i + 1);
      const result = await authenticate(request(typo), "activity");
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.response.status).toBe(401);
    }
    expect(db.opened).toBe(0);
  });

  it("does look a well-formed token up (so the counter above can move)", async () => {
    // The database here has no tables: the lookup fails, which is fine, it was attempted.
    await authenticate(request(generateToken("activity").token), "activity").catch(() => undefined);
    expect(db.opened).toBeGreaterThan(0);
  });
});
