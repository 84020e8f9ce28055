import "server-only";
import { decode } from "next-auth/jwt";
import { cookies } from "next/headers";
import { env } from "@/lib/env";
import { currentMode } from "@/lib/mode";

/**
 * The session version of the session cookie as this request leaves it. A server action that
 * re-issued the browser's session (renewThisSession) re-renders the page in the same request,
 * where Auth.js still reads the cookie the browser sent, under the old version: the cookie it
 * set is the one that counts. Otherwise this is the browser's own cookie, no more trusted.
 */
export async function sessionVersionSetHere(userId: string): Promise<number | null> {
  const name = `${currentMode() === "production" ? "__Secure-" : ""}authjs.session-token`;
  const value = (await cookies()).get(name)?.value;
  if (!value || !env.AUTH_SECRET) return null;
  try {
    const token = await decode({ token: value, secret: env.AUTH_SECRET, salt: name });
    return token?.uid === userId && typeof token.sv === "number" ? token.sv : null;
  } catch {
    return null;
  }
}
