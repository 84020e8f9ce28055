import NextAuth from "next-auth";
import { authConfig } from "./lib/auth/config";

// Signed-out visitors are sent to /login before any page renders; pages check again on the server.
const { auth } = NextAuth(authConfig);
export default auth;

export const config = {
  // Not the token APIs (bearer auth), Auth.js's own routes, health, or static files: anything
  // whose last segment has an extension (icon.svg, robots.txt) never needs a session. No page
  // path has a dot in its last segment (token ids are UUIDs).
  matcher: ["/((?!api/|_next/|.*\\.[A-Za-z0-9]+$).*)"],
};
