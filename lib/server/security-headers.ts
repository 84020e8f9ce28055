import { randomBytes } from "node:crypto";

/** A fresh CSP nonce: 128 random bits, base64. One per page request, never reused. */
export const newNonce = () => randomBytes(16).toString("base64");

/**
 * Headers on every console page. Scripts run only with this response's nonce (Next.js puts it
 * on its own scripts, inline and external, when the request carries the policy) or when loaded
 * by such a script ('strict-dynamic'); no inline script an attacker injects can run. Styles
 * keep 'unsafe-inline' (React and Radix set style attributes). Framing is refused everywhere:
 * the page that reveals a secret must never sit inside someone else's frame.
 */
export function pageSecurityHeaders(production: boolean, nonce: string): Record<string, string> {
  const csp = [
    "default-src 'self'",
    // 'unsafe-eval' in development only: React's dev build uses eval for its debug information.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${production ? "" : " 'unsafe-eval'"}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${production ? "" : " ws: wss:"}`,
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "object-src 'none'",
  ].join("; ");
  return {
    "Content-Security-Policy": csp,
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
    ...(production ? { "Strict-Transport-Security": "max-age=63072000; includeSubDomains" } : {}),
  };
}
