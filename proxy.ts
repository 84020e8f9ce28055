import NextAuth from "next-auth";
import { authConfig } from "./lib/auth/config";

// Signed-out visitors are sent to /login before any page renders; pages check again on the server.
const { auth } = NextAuth(authConfig);
export default auth;

export const config = {
  // Not the token APIs (bearer auth), Auth.js's own routes, health, or static assets.
  matcher: ["/((?!api/|_next/|favicon.ico|robots.txt).*)"],
};
