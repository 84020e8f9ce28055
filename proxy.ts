import NextAuth from "next-auth";
import { authConfig } from "./lib/auth/config";

// Signed-out visitors are sent to /login before any page renders; pages check again on the server.
const { auth } = NextAuth(authConfig);
export default auth;

export const config = {
  // Not the token APIs (bearer auth), Auth.js's own routes, health, or static files: anything
  // whose last segment has an extension (icon.svg, robots.txt) never needs a session. No page
  // path has a dot in its last segment (token ids are UUIDs). Nor /login: the sign-in page itself
  // sends a signed-in visitor on, after checking the session in full (an ended session still looks
  // signed in here, and this proxy would re-set its cookie over the one a fresh sign-in issues).
  matcher: ["/((?!api/|_next/|login(?:/|$)|.*\\.[A-Za-z0-9]+$).*)"],
};
