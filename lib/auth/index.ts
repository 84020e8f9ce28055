import "server-only";
import NextAuth from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { requestIp } from "@/lib/request-ip";
import { authConfig } from "./config";
import { authorizeCredentials } from "./credentials";
import { knownDeviceCookie } from "./known-device";
import { renewedVersion } from "./session-renewal";
import { pendingSignInCookie } from "./two-factor/pending-sign-in";
import { authorizeSecondFactor } from "./two-factor/sign-in";

export const { handlers, auth, signIn, signOut, unstable_update: updateSession } = NextAuth({
  ...authConfig,
  callbacks: {
    ...authConfig.callbacks,
    // A session update may only carry the server's proof of a new session version.
    jwt(params) {
      const token = authConfig.callbacks.jwt(params);
      if (params.trigger !== "update") return token;
      const version = renewedVersion(params.session, token.uid);
      return version === null ? token : { ...token, sv: version };
    },
  },
  providers: [
    Credentials({
      credentials: { email: { label: "Email" }, password: { label: "Password", type: "password" } },
      authorize: (credentials, request) =>
        authorizeCredentials(credentials, requestIp(request.headers), knownDeviceCookie(request.headers)),
    }),
    // The code step for users with two-factor on: the user comes from the pending sign-in cookie.
    Credentials({
      id: "two-factor",
      credentials: { code: { label: "Authentication code" } },
      authorize: (credentials, request) =>
        authorizeSecondFactor(credentials, pendingSignInCookie(request.headers), requestIp(request.headers), knownDeviceCookie(request.headers)),
    }),
  ],
});
