import { env } from "@/lib/env";

/**
 * Where links in mail sent without a request point (notices, the operator's reset links): the
 * public URL the operator set (AUTH_URL), else this machine's server.
 */
export function publicOrigin(): string {
  if (env.AUTH_URL) return new URL(env.AUTH_URL).origin;
  return `http://localhost:${env.PORT}`;
}
