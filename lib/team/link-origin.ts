import "server-only";
import { headers } from "next/headers";
import { env } from "@/lib/env";

/**
 * Where invite and reset links point. Production: AUTH_URL, the public URL the operator set (a
 * request's Host header is the caller's to choose, and a link must not be steered elsewhere).
 * Development: the origin the admin's browser is using.
 */
export async function linkOrigin(): Promise<string> {
  if (!env.dev && env.AUTH_URL) return new URL(env.AUTH_URL).origin;
  const h = await headers();
  const origin = h.get("origin");
  if (origin && /^https?:\/\//.test(origin)) return origin;
  return `http://${h.get("host") ?? `localhost:${env.PORT}`}`;
}
