import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { isIP } from "node:net";
import ipaddr from "ipaddr.js";
import { env } from "@/lib/env";

// Outbound safety (SSRF), strict in every mode: an endpoint may only reach public unicast
// addresses, over https on 443 or 8443. The one relaxation is loopback (a receiver on this very
// machine): in development, and in a build under test that sets WEBHOOKS_ALLOW_LOOPBACK. The rule
// is checked when the URL is saved and again on every send, inside the connection's own DNS
// lookup, so a name that later resolves to 10.0.0.1 or 169.254.169.254 is refused too.

export interface UrlPolicy {
  /** Loopback (127.0.0.0/8, ::1, localhost) may be called, over http and on any port. */
  allowLoopback: boolean;
}

export const urlPolicy = (from: Pick<typeof env, "mode" | "WEBHOOKS_ALLOW_LOOPBACK"> = env): UrlPolicy => ({
  allowLoopback: from.mode === "development" || from.WEBHOOKS_ALLOW_LOOPBACK === "true",
});

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);
/** Ports a public endpoint may use ("" is the scheme's default, 443). */
const PUBLIC_PORTS = new Set(["", "443", "8443"]);

/** Whether the connection may go to `address` under `policy`. */
export function addressAllowed(address: string, policy: UrlPolicy): boolean {
  let parsed: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    parsed = ipaddr.process(address);
  } catch {
    return false;
  }
  const range = parsed.range();
  if (range === "loopback") return policy.allowLoopback;
  // Private, link-local (cloud metadata), carrier NAT, multicast, reserved…: all refused.
  return range === "unicast";
}

/** Checks a URL's form; the message is shown under "Endpoint URL". */
export function checkEndpointUrl(text: string, policy: UrlPolicy = urlPolicy()): { ok: true; url: URL } | { ok: false; message: string } {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, message: "Enter a full URL, such as https://example.com/hub-webhooks" };
  }
  if (url.username || url.password) return { ok: false, message: "Remove the user name and password from the URL" };
  const loopback = LOOPBACK_HOSTS.has(url.hostname) && policy.allowLoopback;
  if (url.protocol !== "https:" && !(url.protocol === "http:" && loopback)) {
    return { ok: false, message: "Use an https:// URL (http:// only to localhost in development)" };
  }
  const literal = url.hostname.replace(/^\[|\]$/g, "");
  if (isIP(literal) && !addressAllowed(literal, policy)) return { ok: false, message: PRIVATE_MESSAGE };
  if (url.hostname === "localhost" && !policy.allowLoopback) return { ok: false, message: PRIVATE_MESSAGE };
  if (!loopback && !PUBLIC_PORTS.has(url.port)) return { ok: false, message: "Use port 443 or 8443 (or none)" };
  return { ok: true, url };
}

export const PRIVATE_MESSAGE = "This URL points to a private, loopback or link-local address: use a public address";

/** Resolves the host and refuses private answers (the save-time check; sends re-check in `guardedLookup`). */
export async function resolvesPublicly(url: URL, policy: UrlPolicy = urlPolicy()): Promise<boolean> {
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (isIP(host)) return addressAllowed(host, policy);
  const addresses = await new Promise<LookupAddress[]>((resolve) =>
    dnsLookup(host, { all: true }, (error, found) => resolve(error ? [] : found)),
  );
  return addresses.length > 0 && addresses.every((a) => addressAllowed(a.address, policy));
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** A `lookup` for http.request: resolves as usual, then refuses the connection if any answer is not allowed. */
export function guardedLookup(policy: UrlPolicy) {
  return (hostname: string, options: { all?: boolean; family?: number }, callback: LookupCallback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, []);
      if (addresses.length === 0 || !addresses.every((a) => addressAllowed(a.address, policy))) {
        return callback(Object.assign(new Error(PRIVATE_MESSAGE), { code: "EADDRNOTALLOWED" }), []);
      }
      if (options.all) return callback(null, addresses);
      callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
}
