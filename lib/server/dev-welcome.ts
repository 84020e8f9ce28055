import { DEMO_PASSWORD, demoAccounts } from "@/lib/demo/demo-accounts";
import { env } from "@/lib/env";

/**
 * Printed once when `npm run dev` is ready, so a newcomer needs nothing else open: where the
 * console is and how to sign in. The demo password is public (README) and development-only;
 * no other credential is ever printed.
 */
export function printDevWelcome(): void {
  const host = env.HOST === "127.0.0.1" || env.HOST === "0.0.0.0" ? "localhost" : env.HOST;
  const users = demoAccounts.flatMap((a) => a.users.map((u) => `    ${u.email.padEnd(22)} ${u.role.padEnd(9)} ${a.name}`));
  console.info(
    [
      "",
      `  Hub API Tokens is running at http://${host}:${env.PORT}`,
      "  Sign in with one of the demo users:",
      ...users,
      `  Password for all three: ${DEMO_PASSWORD} (development only)`,
      "",
    ].join("\n"),
  );
}
