/** Set by lib/server/app-server.ts on every page request from the socket (and TRUST_PROXY). */
export const CLIENT_IP_HEADER = "x-hub-client-ip";

/** The caller's IP as the console records it (history rows, sign-in throttling), or null when the server did not learn it. */
export function requestIp(headers: Headers): string | null {
  return headers.get(CLIENT_IP_HEADER) || null;
}
