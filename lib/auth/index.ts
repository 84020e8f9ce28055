import "server-only";
import NextAuth from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { requestIp } from "@/lib/request-ip";
import { authConfig } from "./config";
import { authorizeCredentials } from "./credentials";
import { knownDeviceCookie } from "./known-device";

export const { handlers, auth, signIn, signOut } = NextAuth({
  ...authConfig,
  providers: [
    Credentials({
      credentials: { email: { label: "Email" }, password: { label: "Password", type: "password" } },
      authorize: (credentials, request) =>
        authorizeCredentials(credentials, requestIp(request.headers), knownDeviceCookie(request.headers)),
    }),
  ],
});
