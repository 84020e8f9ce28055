/**
 * A console request's path as the log may keep it: no query (it may carry a callback URL or
 * filters), and no link code: `/invite/<code>` and `/reset-password/<code>` are one-time
 * credentials, so the log says `/invite/[code]`.
 */
export function loggablePath(url: string | undefined): string {
  const path = (url ?? "/").split("?")[0]!;
  return path.replace(/^\/(invite|reset-password)\/[^/]+/, "/$1/[code]");
}
