import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";
import { addressAllowed, checkEndpointUrl, PRIVATE_MESSAGE, urlPolicy } from "./url-policy";
import { postWebhook } from "./send";

// Strict in every mode: development relaxes loopback only (a receiver on the developer's own
// machine), a build under test the same through WEBHOOKS_ALLOW_LOOPBACK; nothing else ever.

const policyIn = (source: Record<string, string>) => urlPolicy(parseEnv(source as NodeJS.ProcessEnv));
const development = policyIn({ NODE_ENV: "development" });
const test = policyIn({ NODE_ENV: "test" });
const testWithLoopback = policyIn({ NODE_ENV: "test", WEBHOOKS_ALLOW_LOOPBACK: "true" });
const production = policyIn({ NODE_ENV: "production", AUTH_SECRET: "x".repeat(43), DATABASE_URL: "postgres://hub@db/hub" });

describe("the policy in each mode", () => {
  it("refuses metadata, private and link-local addresses in every mode", () => {
    for (const policy of [development, test, testWithLoopback, production]) {
      for (const ip of ["169.254.169.254", "10.0.0.1", "172.16.5.4", "192.168.1.1", "fd00::1", "fe80::1", "100.64.0.1", "0.0.0.0"]) {
        expect(addressAllowed(ip, policy), ip).toBe(false);
      }
      expect(addressAllowed("93.184.216.34", policy)).toBe(true);
      expect(checkEndpointUrl("http://169.254.169.254/latest/meta-data", policy)).toMatchObject({ ok: false });
      expect(checkEndpointUrl("https://10.1.2.3/x", policy)).toEqual({ ok: false, message: PRIVATE_MESSAGE });
    }
  });

  it("opens loopback in development, and under test only through WEBHOOKS_ALLOW_LOOPBACK", () => {
    expect(addressAllowed("127.0.0.1", development)).toBe(true);
    expect(checkEndpointUrl("http://localhost:9000/x", development).ok).toBe(true);
    expect(addressAllowed("127.0.0.1", test)).toBe(false);
    expect(checkEndpointUrl("http://127.0.0.1:9000/x", test)).toMatchObject({ ok: false });
    expect(checkEndpointUrl("http://127.0.0.1:9000/x", testWithLoopback).ok).toBe(true);
    expect(addressAllowed("127.0.0.1", production)).toBe(false);
  });

  it("reaches a public host on 443 or 8443 only", () => {
    for (const policy of [development, production]) {
      expect(checkEndpointUrl("https://hooks.example.com/x", policy).ok).toBe(true);
      expect(checkEndpointUrl("https://hooks.example.com:443/x", policy).ok).toBe(true);
      expect(checkEndpointUrl("https://hooks.example.com:8443/x", policy).ok).toBe(true);
      for (const port of [22, 25, 6379, 8080, 9200]) {
        expect(checkEndpointUrl(`https://hooks.example.com:${port}/x`, policy), String(port)).toMatchObject({ ok: false, message: expect.stringMatching(/443.*8443/) });
      }
    }
  });
});

describe("sending", () => {
  let base = "";
  const receiver = http.createServer((req, res) => (req.resume(), res.writeHead(204).end()));
  beforeAll(() => new Promise<void>((r) => receiver.listen(0, "127.0.0.1", () => ((base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`), r()))));
  afterAll(() => (receiver.closeAllConnections(), new Promise((r) => receiver.close(r))));

  it("goes through an agent of its own: a replaced global agent (an environment proxy) is never used", async () => {
    const original = http.globalAgent;
    let used = false;
    const trap = new http.Agent();
    trap.createConnection = () => {
      used = true;
      throw new Error("the global agent was used");
    };
    http.globalAgent = trap;
    try {
      const result = await postWebhook(`${base}/hook`, "{}", {}, testWithLoopback);
      expect(result).toMatchObject({ ok: true, status: 204 });
      expect(used).toBe(false);
    } finally {
      http.globalAgent = original;
    }
  });
});
