import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addressAllowed, checkEndpointUrl, PRIVATE_MESSAGE, resolvesPublicly, type UrlPolicy } from "./url-policy";
import { MAX_RESPONSE_BYTES, postWebhook } from "./send";

const production: UrlPolicy = { allowLoopback: false };
const productionUnderTest: UrlPolicy = { allowLoopback: true };
// Development relaxes loopback only (./url-policy.test.ts checks each mode's policy).
const development: UrlPolicy = { allowLoopback: true };

let base = "";
let bytesWritten = 0;
const HUGE_CHUNKS = 4_096;
const server = createServer((req, res) => {
  req.resume();
  if (req.url === "/redirect") return void res.writeHead(307, { location: "http://169.254.169.254/latest/meta-data" }).end();
  if (req.url === "/huge") {
    res.writeHead(200);
    // 64 MB in 16 KB chunks, written as the reader takes them: the sender must stop reading
    // long before the end. (1 MB was not enough: Node 24 on loopback buffers all of it.)
    const chunk = Buffer.alloc(16_384, "a");
    let sent = 0;
    const pump = () => {
      while (sent < HUGE_CHUNKS && res.write(chunk)) {
        sent++;
        bytesWritten += chunk.length;
      }
      if (sent < HUGE_CHUNKS) res.once("drain", pump);
      else res.end();
    };
    return pump();
  }
  if (req.url === "/slow") return; // never answers
  res.writeHead(204).end();
});
beforeAll(() => new Promise<void>((r) => server.listen(0, "127.0.0.1", () => ((base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`), r()))));
afterAll(() => (server.closeAllConnections(), new Promise((r) => server.close(r))));

describe("outbound safety", () => {
  it("refuses private, loopback, link-local and metadata addresses in production", () => {
    for (const ip of ["10.0.0.1", "172.16.5.4", "192.168.1.1", "127.0.0.1", "169.254.169.254", "::1", "fe80::1", "fd00::1", "::ffff:10.0.0.1", "0.0.0.0", "100.64.0.1"]) {
      expect(addressAllowed(ip, production), ip).toBe(false);
    }
    expect(addressAllowed("93.184.216.34", production)).toBe(true);
    expect(addressAllowed("2606:4700::1111", production)).toBe(true);
    expect(addressAllowed("10.0.0.1", development)).toBe(false);
    // The test escape hatch opens loopback only.
    expect(addressAllowed("127.0.0.1", productionUnderTest)).toBe(true);
    expect(addressAllowed("10.0.0.1", productionUnderTest)).toBe(false);
  });

  it("checks the URL's form: https, http only to localhost where loopback is allowed", () => {
    expect(checkEndpointUrl("https://hooks.example.com/x", production).ok).toBe(true);
    expect(checkEndpointUrl("http://hooks.example.com/x", production)).toMatchObject({ ok: false });
    expect(checkEndpointUrl("http://127.0.0.1:9/x", production)).toMatchObject({ ok: false });
    expect(checkEndpointUrl("https://10.1.2.3/x", production)).toEqual({ ok: false, message: PRIVATE_MESSAGE });
    expect(checkEndpointUrl("https://[::1]/x", production)).toEqual({ ok: false, message: PRIVATE_MESSAGE });
    expect(checkEndpointUrl("http://127.0.0.1:9/x", development).ok).toBe(true);
    expect(checkEndpointUrl("http://localhost:9/x", development).ok).toBe(true);
    expect(checkEndpointUrl("http://192.168.1.1/x", development)).toMatchObject({ ok: false });
    expect(checkEndpointUrl("https://user:pw@example.com/", development)).toMatchObject({ ok: false });
  });

  it("resolves names at save time: localhost is private", async () => {
    expect(await resolvesPublicly(new URL("https://localhost/x"), production)).toBe(false);
  });

  it("re-checks at send time, inside the connection's own DNS lookup", async () => {
    const result = await postWebhook(base.replace("127.0.0.1", "localhost"), "{}", {}, production);
    // The URL check refuses http first; with https the lookup guard is what refuses.
    expect(result).toMatchObject({ ok: false, status: null });
    const viaLookup = await postWebhook("https://localhost:1/x", "{}", {}, production);
    expect(viaLookup).toMatchObject({ ok: false, status: null, error: PRIVATE_MESSAGE });
  });

  it("does not follow redirects", async () => {
    const result = await postWebhook(`${base}/redirect`, "{}", {}, development);
    expect(result).toMatchObject({ ok: false, status: 307, error: "Redirect (HTTP 307) not followed" });
  });

  it("reads at most 64 KB of an answer", async () => {
    const result = await postWebhook(`${base}/huge`, "{}", {}, development);
    expect(result).toMatchObject({ ok: true, status: 200, bytesRead: MAX_RESPONSE_BYTES });
    expect(bytesWritten).toBeLessThan(HUGE_CHUNKS * 16_384);
  });

  it("succeeds on 2xx and measures latency", async () => {
    const result = await postWebhook(`${base}/ok`, "{}", {}, development);
    expect(result).toMatchObject({ ok: true, status: 204, error: null });
    expect(result.latencyMs).toBeGreaterThanOrEqual(0);
  });
});
