/** The API returns JSON only: nothing in it may run, be framed, or leak a referrer. */
export const apiSecurityHeaders: Record<string, string> = {
  "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
  "Referrer-Policy": "no-referrer",
  "X-Content-Type-Options": "nosniff",
};
