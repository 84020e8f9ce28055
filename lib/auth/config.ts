import type { NextAuthConfig } from "next-auth";
import { describeError } from "@/lib/error-log";
import { currentMode } from "@/lib/mode";

/**
 * The part of the Auth.js configuration that the proxy also loads: no database, no providers.
 * Sessions are JWTs holding only the user id and session version; everything else is read fresh
 * per request.
 */
export const authConfig = {
  pages: { signIn: "/login" },
  session: { strategy: "jwt", maxAge: 8 * 60 * 60 },
  trustHost: true,
  useSecureCookies: currentMode() === "production",
  providers: [],
  callbacks: {
    authorized({ auth, request }) {
      const signedIn = Boolean(auth?.user?.id);
      // Invite and password-reset links are for people who cannot sign in (yet): the code is their credential.
      if (/^\/(invite|reset-password)\/[^/]+$/.test(request.nextUrl.pathname)) return true;
      if (request.nextUrl.pathname.startsWith("/login")) {
        return signedIn ? Response.redirect(new URL("/manage/integrations", request.nextUrl)) : true;
      }
      return signedIn;
    },
    jwt({ token, user }) {
      if (user?.id) {
        token.uid = user.id;
        // The version the user's sessions had at sign-in: raising it ends this session (lib/auth/session.ts).
        token.sv = (user as { sessionVersion?: number }).sessionVersion ?? 0;
      }
      return token;
    },
    session({ session, token }) {
      if (typeof token.uid === "string") session.user.id = token.uid;
      // Sessions from before versions existed count as version 0, the column's default.
      return Object.assign(session, { sessionVersion: typeof token.sv === "number" ? token.sv : 0 });
    },
  },
  logger: {
    // A wrong password is an expected event, not a stack trace in the log.
    error(error) {
      // Class names are minified in production builds; Auth.js's `type` is not.
      if ((error as { type?: string }).type === "CredentialsSignin") return;
      // Auth.js wraps what `authorize` threw as `cause.err`: its name and message, never a
      // query's parameters (describeError keeps only what is safe to log).
      const cause = (error.cause as { err?: unknown } | undefined)?.err;
      const why = cause ? describeError(cause).map((e) => `${e.name}: ${e.message ?? e.code ?? ""}`).join(" <- ") : "";
      console.error(`[auth] ${(error as { type?: string }).type ?? error.name}: ${error.message}${why ? ` (${why})` : ""}`);
    },
  },
} satisfies NextAuthConfig;
