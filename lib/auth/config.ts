import type { NextAuthConfig } from "next-auth";
import { describeError } from "@/lib/error-log";
import { currentMode } from "@/lib/mode";

/** A session ends after this long without a request (the proxy re-issues its cookie on each). */
export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

/**
 * The part of the Auth.js configuration that the proxy also loads: no database, no providers.
 * Sessions are JWTs holding only the user id, the session version and the session's id (which
 * sign-out ends); everything else is read fresh per request.
 */
export const authConfig = {
  pages: { signIn: "/login" },
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  trustHost: true,
  useSecureCookies: currentMode() === "production",
  providers: [],
  callbacks: {
    authorized({ auth, request }) {
      const signedIn = Boolean(auth?.user?.id);
      // Invite and password-reset links are for people who cannot sign in (yet): the code is their credential.
      if (/^\/(invite|reset-password)\/[^/]+$/.test(request.nextUrl.pathname)) return true;
      return signedIn;
    },
    jwt({ token, user }) {
      if (user?.id) {
        token.uid = user.id;
        // The version the user's sessions had at sign-in: raising it ends this session (lib/auth/session.ts).
        token.sv = (user as { sessionVersion?: number }).sessionVersion ?? 0;
        // This session's own id, kept through every re-issue: sign-out ends it (lib/auth/queries.ts endSession).
        token.sid = crypto.randomUUID();
      }
      return token;
    },
    session({ session, token }) {
      if (typeof token.uid === "string") session.user.id = token.uid;
      // Sessions from before versions existed count as version 0, the column's default.
      // Sessions from before session ids have none: they end by sign-out's cookie only, or by version.
      return Object.assign(session, {
        sessionVersion: typeof token.sv === "number" ? token.sv : 0,
        sessionId: typeof token.sid === "string" ? token.sid : undefined,
      });
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
