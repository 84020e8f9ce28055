/**
 * Whether a browser says this request came from another site or frame (Fetch Metadata). A
 * route handler that acts on a form POST checks it, as Next checks a server action's origin:
 * the session cookie (SameSite=Lax) already stays off cross-site POSTs, this refuses them
 * outright. Clients that send no such header (scripts) carry no browser's cookies to abuse.
 */
export function isCrossSite(headers: Headers): boolean {
  const site = headers.get("sec-fetch-site");
  return site !== null && site !== "same-origin";
}
