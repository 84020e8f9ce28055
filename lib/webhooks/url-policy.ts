import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { isIP } from "node:net";
import ipaddr from "ipaddr.js";
import { env } from "@/lib/env";

// Outbound safety (SSRF): in production an endpoint may only reach public unicast addresses.
// The rule is checked when the URL is saved and again on every send, inside the connection's
// own DNS lookup, so a name that later resolves to 10.0.0.1 or 169.254.169.254 is refused too.

export interface UrlPolicy {
  /** Production: https only, public addresses only. */
  strict: boolean;
  /** WEBHOOKS_ALLOW_LOOPBACK=true: a production build under test may call 127.0.0.1 over http. */
  allowLoopback: boolean;
}

export const urlPolicy = (): UrlPolicy => ({
  strict: env.mode === "production",
  allowLoopback: env.WEBHOOKS_ALLOW_LOOPBACK === "true",
});

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** Whether the connection may go to `address` under `policy`. */
export function addressAllowed(address: string, policy: UrlPolicy): boolean {
  if (!policy.strict) return true;
  let parsed: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    parsed = ipaddr.process(address);
  } catch {
    return false;
  }
  const range = parsed.range();
  if (range === "loopback") return policy.allowLoopback;
  // Private, loopback, link-local (cloud metadata), carrier NAT, multicast, reserved…: all refused.
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
  const loopbackHost = LOOPBACK_HOSTS.has(url.hostname);
  const httpAllowed = loopbackHost && (!policy.strict || policy.allowLoopback);
  if (url.protocol !== "https:" && !(url.protocol === "http:" && httpAllowed)) {
    return { ok: false, message: "Use an https:// URL (http:// only to localhost outside production)" };
  }
  const literal = url.hostname.replace(/^\[|\]$/g, "");
  if (isIP(literal) && !addressAllowed(literal, policy)) return { ok: false, message: PRIVATE_MESSAGE };
  if (policy.strict && url.hostname === "localhost" && !policy.allowLoopback) return { ok: false, message: PRIVATE_MESSAGE };
  return { ok: true, url };
}

export const PRIVATE_MESSAGE = "This URL points to a private, loopback or link-local address: use a public address";

/** Resolves the host and refuses private answers (the save-time check; sends re-check in `guardedLookup`). */
export async function resolvesPublicly(url: URL, policy: UrlPolicy = urlPolicy()): Promise<boolean> {
  if (!policy.strict) return true;
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
