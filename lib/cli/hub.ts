/**
 * The operator's command line: `npm run hub -- <command>`.
 * Commands: migrate · seed · set-limits · help
 */
import { parseArgs } from "node:util";
import { closeDb } from "@/db";
import { migrateDatabase } from "@/db/migrate";
import { setAccountLimits } from "@/lib/accounts/limits";
import { seedDemoAccounts } from "@/lib/server/prepare-database";

type Command = (args: string[]) => Promise<string>;

const commands: Record<string, Command> = {
  async migrate() {
    await migrateDatabase();
    return "Migrations applied.";
  },
  async seed() {
    await migrateDatabase();
    const created = await seedDemoAccounts();
    return created.length ? `Demo data created: ${created.join(", ")}.` : "Demo data already present; nothing changed.";
  },
  async "set-limits"(args) {
    const { values } = parseArgs({
      args,
      options: {
        account: { type: "string" },
        "max-active-tokens": { type: "string" },
        "rate-limit-ceiling": { type: "string" },
      },
    });
    if (!values.account) throw new Error("Name the account: --account <slug>, e.g. --account demo-retail");
    const limits = await setAccountLimits(values.account, {
      maxActiveTokens: values["max-active-tokens"],
      rateLimitCeiling: values["rate-limit-ceiling"],
    });
    return `${limits.name}: up to ${limits.maxActiveTokens} active tokens, rate limit ceiling ${limits.rateLimitCeiling} requests per minute.`;
  },
  async help() {
    return usage;
  },
};

const usage = `Usage: npm run hub -- <command>

  migrate                      apply database migrations
  seed                         create the demo accounts if they are missing
  set-limits --account <slug> [--max-active-tokens N] [--rate-limit-ceiling N]
                               raise (or lower) an account's token cap and the highest
                               per-token rate limit its admins may set
`;

async function main() {
  const [name = "help", ...args] = process.argv.slice(2);
  const command = commands[name];
  if (!command) {
    console.error(`Unknown command "${name}".\n\n${usage}`);
    process.exitCode = 2;
    return;
  }
  try {
    console.log(await command(args));
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  } finally {
    await closeDb();
  }
}

void main();
