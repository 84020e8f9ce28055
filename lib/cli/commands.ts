/** The operator commands behind `npm run hub` (lib/cli/hub.ts), loaded once the environment is known good. */
import { parseArgs } from "node:util";
import { desc } from "drizzle-orm";
import { closeDb, getDb } from "@/db";
import { operatorEvents } from "@/db/tables";
import { migrateDatabase } from "@/db/migrate";
import { createAccount, generateInitialPassword, slugFor } from "@/lib/accounts/create-account";
import { setAccountLimits } from "@/lib/accounts/limits";
import { seedDemoAccounts } from "@/lib/server/prepare-database";
import { listAccountUsers, operatorResetLink } from "@/lib/team/operator";

export { closeDb };

type Command = (args: string[]) => Promise<string>;

function describeLimits(limits: Awaited<ReturnType<typeof setAccountLimits>>): string {
  const lifetime = limits.maxTokenLifetimeDays === null ? "tokens may never expire" : `tokens expire within ${limits.maxTokenLifetimeDays} days`;
  const lines = [`${limits.name}: up to ${limits.maxActiveTokens} active tokens, rate limit ceiling ${limits.rateLimitCeiling} requests per minute, ${lifetime}, access log kept ${limits.accessLogRetentionDays} days, audit log kept ${limits.auditLogRetentionDays} days.`];
  if (limits.longer.length > 0) {
    // Listed, not cut: the operator agrees the change with the customer.
    lines.push(`${limits.longer.length} active token(s) live longer than the new maximum (not changed):`);
    for (const t of limits.longer) lines.push(`  ${t.displayPrefix}…  ${t.description}  expires ${t.expiresAt?.toISOString() ?? "never"}`);
  }
  return lines.join("\n");
}

export const commands: Record<string, Command> = {
  async migrate() {
    await migrateDatabase();
    return "Migrations applied.";
  },
  async seed() {
    await migrateDatabase();
    const created = await seedDemoAccounts();
    return created.length ? `Demo data created: ${created.join(", ")}.` : "Demo data already present; nothing changed.";
  },
  async "create-account"(args) {
    const { values } = parseArgs({
      args,
      options: {
        name: { type: "string" },
        slug: { type: "string" },
        "admin-email": { type: "string" },
        "admin-name": { type: "string" },
        "password-stdin": { type: "boolean" },
      },
    });
    const generated = !values["password-stdin"];
    const password = generated ? generateInitialPassword() : (await readStdin()).replace(/\r?\n$/, "");
    await migrateDatabase();
    const account = await createAccount({
      name: values.name ?? "",
      slug: values.slug ?? slugFor(values.name ?? ""),
      adminEmail: values["admin-email"] ?? "",
      adminName: values["admin-name"] ?? values["admin-email"]?.split("@")[0] ?? "",
      password,
    });
    const lines = [`Created account "${account.name}" (${account.slug}) with its first admin, ${account.adminEmail}.`];
    // Printed once, to the operator's terminal only: the Hub stores just its argon2 hash.
    if (generated) lines.push(`Initial password (shown once, hand it over safely): ${password}`);
    return lines.join("\n");
  },
  async "set-limits"(args) {
    const { values } = parseArgs({
      args,
      options: {
        account: { type: "string" },
        "max-active-tokens": { type: "string" },
        "rate-limit-ceiling": { type: "string" },
        "max-token-lifetime-days": { type: "string" },
        "access-log-retention-days": { type: "string" },
        "audit-log-retention-days": { type: "string" },
      },
    });
    if (!values.account) throw new Error("Name the account: --account <slug>, e.g. --account demo-retail");
    const limits = await setAccountLimits(values.account, {
      maxActiveTokens: values["max-active-tokens"],
      rateLimitCeiling: values["rate-limit-ceiling"],
      maxTokenLifetimeDays: values["max-token-lifetime-days"],
      accessLogRetentionDays: values["access-log-retention-days"],
      auditLogRetentionDays: values["audit-log-retention-days"],
    });
    return describeLimits(limits);
  },
  async "list-users"(args) {
    const { values } = parseArgs({ args, options: { account: { type: "string" } } });
    const { account, rows } = await listAccountUsers(values.account);
    if (rows.length === 0) return `${account.name} has no users.`;
    const line = (r: (typeof rows)[number]) =>
      [r.role.padEnd(9), r.email.padEnd(32), r.name.padEnd(24), `two-factor ${r.totpEnabledAt ? "on " : "off"}`, `last sign-in ${r.lastSignInAt?.toISOString() ?? "never"}`, r.removedAt ? `removed ${r.removedAt.toISOString()}` : ""]
        .join("  ")
        .trimEnd();
    return [`${account.name}: ${rows.length} user(s)`, ...rows.map(line)].join("\n");
  },
  async "reset-password-link"(args) {
    const { values } = parseArgs({ args, options: { account: { type: "string" }, email: { type: "string" } } });
    const { user, link } = await operatorResetLink(values.account, values.email);
    // Printed once, to the operator's terminal only: the Hub stores just its SHA-256.
    return [`Password reset link for ${user.name} <${user.email}> (works once, for 1 hour; hand it over safely):`, link].join("\n");
  },
  async history() {
    await migrateDatabase();
    const rows = await getDb().select().from(operatorEvents).orderBy(desc(operatorEvents.id)).limit(50);
    if (rows.length === 0) return "No operator changes recorded yet.";
    return rows.map((r) => `${r.createdAt.toISOString()}  ${r.operator}  ${r.action}  ${JSON.stringify(r.detail)}`).join("\n");
  },
  async help() {
    return usage;
  },
};

export const usage = `Usage: npm run hub -- <command>

  migrate                      apply database migrations
  seed                         create the demo accounts if they are missing
                               (with NODE_ENV=production: needs HUB_DEMO_PASSWORD)
  create-account --name "Acme Retail" --admin-email owner@acme.example
                 [--slug acme-retail] [--admin-name "Ada Owner"] [--password-stdin]
                               a real account (no demo data) and its first admin; prints a
                               generated initial password once, or reads one from stdin
  set-limits --account <slug> [--max-active-tokens N] [--rate-limit-ceiling N] [--max-token-lifetime-days N|none]
             [--access-log-retention-days N] [--audit-log-retention-days N]
                               raise (or lower) an account's token cap and the highest
                               per-token rate limit its admins may set, how long
                               Profile Read access logs are kept (default 90 days) and
                               how long its audit log is kept (30 to 3650, default 365 days);
                               recorded in history and the audit log
  list-users --account <slug>  the account's users: role, email, name, two-factor, last sign-in
  reset-password-link --account <slug> [--email <email>]
                               a one-time password-reset link (1 hour) for the account's admin
                               (or the user with that email); recorded in history and the audit log
  history                      the latest operator changes (who, what, when)
`;

export async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write("Password (at least 12 characters), then Enter and Ctrl-D: ");
  let text = "";
  for await (const chunk of process.stdin) text += String(chunk);
  return text;
}

