/** Set by lib/server/app-server.ts on every page request from the socket (and TRUST_PROXY). */
export const CLIENT_IP_HEADER = "x-hub-client-ip";

/** The caller's IP as the console records it (history rows, sign-in throttling). */
export function requestIp(headers: Headers): string {
  return headers.get(CLIENT_IP_HEADER) ?? "unknown";
}
