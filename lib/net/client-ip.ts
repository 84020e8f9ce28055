import { ipAllowed, parseClientIp, parseClientIpCached, parseIpEntry, type IpEntry } from "./ip";

/** TRUST_PROXY: comma-separated addresses or ranges of the proxies whose X-Forwarded-For we believe. */
export function parseTrustedProxies(value: string | undefined): IpEntry[] {
  if (!value?.trim()) return [];
  return value.split(",").map((part) => {
    const parsed = parseIpEntry(part);
    if (!parsed.ok) throw new Error(`TRUST_PROXY entry "${part.trim()}": ${parsed.message}`);
    return parsed.entry;
  });
}

/**
 * The client's address: the socket's, unless the socket is a trusted proxy, in which case the
 * rightmost X-Forwarded-For entry that is not itself a trusted proxy. Anyone else's
 * X-Forwarded-For changes nothing. IPv4-mapped IPv6 comes back as IPv4. A hop that is not a
 * plain address (`ip:port`, `[v6]`, `unknown`, an obfuscated name) makes the client unknown
 * (null): it must never fall back to the proxy's own address, which a whitelist may hold.
 */
export function resolveClientIp(socketAddress: string | undefined, forwardedFor: string | undefined, trusted: IpEntry[]): string | null {
  // The common case on every request: no proxy to believe, the socket address as it is.
  if (socketAddress && (trusted.length === 0 || !forwardedFor)) return parseClientIpCached(socketAddress)?.canonical ?? null;
  let ip = socketAddress ? parseClientIp(socketAddress) : null;
  if (!ip || !forwardedFor) return null;
  const hops = forwardedFor.split(",").map((h) => h.trim()).filter(Boolean);
  while (ipAllowed(trusted, ip) && hops.length > 0) {
    const hop = parseIpEntry(hops.pop()!);
    if (!hop.ok || hop.entry.canonical.includes("/")) return null;
    ip = hop.entry.address;
  }
  return ip.toString();
}

/** Whether the socket's peer is one of TRUST_PROXY's proxies (whose X-Forwarded-For and X-Request-Id count). */
export function isTrustedProxy(socketAddress: string | undefined, trusted: IpEntry[]): boolean {
  if (trusted.length === 0 || !socketAddress) return false;
  const ip = parseClientIpCached(socketAddress);
  return ip !== null && ipAllowed(trusted, ip.address);
}
