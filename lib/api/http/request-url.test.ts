import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { toApiRequest } from "./node-adapter";

// The adapter splits plain request targets without building a URL (the hot path); whatever the
// target, path and query must read exactly as the WHATWG parser reads them.
const TARGETS = [
  "/",
  "/api/v1/profile",
  "/api/v1/profile/",
  "/api/v1/profile?email=jane.remington%40demo-retail.test",
  "/api/v1/profile??email=x",
  "/api/v1/profile?a=b c&a=2",
  "/api/v1/profile?e=%zz&x=+y",
  "/api/v1/profile?é=ü",
  "/api/v1/profile?a=1#fragment",
  "/api/v1/profile#?a=1",
  "//elsewhere/api/v1/profile",
  "/api/v1/../v1/profile",
  "/api/v1/./profile",
  "/api/v1/profile?",
  "/api/v1/profile?&&=&a",
  "/api/v1/pro%66ile",
  "/api/v1\\profile",
  '/api/v1/profile?q="<>`',
  "/api/v1/profile;x=1",
];

describe("the API request's path and query", () => {
  it.each(TARGETS)("%s reads as new URL reads it", (target) => {
    const request = toApiRequest({ url: target, method: "GET", headers: {} } as IncomingMessage, null, "id");
    const url = new URL(target, "http://api.local");
    expect(request.path).toBe(url.pathname.replace(/\/+$/, "") || "/");
    expect([...request.query]).toEqual([...url.searchParams]);
  });
});
