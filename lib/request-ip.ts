import { isIP } from "node:net";

/**
 * The caller's IP as the console records it (history rows, sign-in throttling).
 * Next's server sets `x-forwarded-for` to the socket address when the client sent none.
 * IPv4-mapped IPv6 (`::ffff:127.0.0.1`) is reported as the IPv4 address.
 */
export function requestIp(headers: Headers): string {
  const first = headers.get("x-forwarded-for")?.split(",")[0]?.trim() ?? "";
  const ip = first.startsWith("::ffff:") && isIP(first.slice(7)) === 4 ? first.slice(7) : first;
  return isIP(ip) ? ip : "unknown";
}
