/**
 * The operator's command line: `npm run hub -- <command>` (built to dist/cli/hub.js).
 * Commands: migrate · seed · create-account · set-limits · list-users · reset-password-link · history · help (lib/cli/commands.ts)
 */
import "@/lib/server/load-env-files"; // first: the same environment as the server

async function main() {
  const [name = "help", ...args] = process.argv.slice(2);
  // Loaded here, not imported above: an environment that does not validate (lib/env.ts) is
  // reported in one line that says what to set, like every other failure of a command.
  let loaded: typeof import("./commands");
  try {
    loaded = await import("./commands");
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
    return;
  }
  const { closeDb, commands, usage } = loaded;
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
