import ipaddr from "ipaddr.js";
import { parseClientIpCached } from "./ip";

/**
 * The key a per-address limit counts a client under: an IPv4 address as it is (IPv4-mapped IPv6
 * too), an IPv6 address by its /64. One subscriber is routinely given a whole /64, so counting
 * each IPv6 address apart would hand a single client 2^64 budgets. Unknown clients share one key.
 */
export function limiterKey(ip: string | null): string {
  const parsed = ip ? parseClientIpCached(ip) : null;
  if (!parsed) return "unknown";
  if (parsed.address.kind() === "ipv4") return parsed.canonical;
  const bytes = parsed.address.toByteArray().fill(0, 8);
  return `${ipaddr.fromByteArray(bytes).toString()}/64`;
}
