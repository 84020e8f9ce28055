/**
 * The operator's command line: `npm run hub -- <command>`.
 * Commands: migrate · seed · help
 */
import { closeDb } from "@/db";
import { migrateDatabase } from "@/db/migrate";
import { seedDemoAccounts } from "@/lib/demo-data";

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
  async help() {
    return usage;
  },
};

const usage = `Usage: npm run hub -- <command>

  migrate                      apply database migrations
  seed                         create the demo accounts if they are missing
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
