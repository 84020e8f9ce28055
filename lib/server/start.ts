/** The entry point of `npm run dev` and `npm start` (built to dist/server/start.js by `npm run build`). */
import "./load-env-files"; // first: everything below reads the environment it completes
import { log, routeConsoleToLog } from "@/lib/log";

try {
  // Loaded here, not imported above: an environment that does not validate (lib/env.ts) ends
  // the process with one line that says what to set.
  const { env } = await import("@/lib/env");
  // Production writes one JSON line per event, Next.js's and Auth.js's messages included.
  if (env.mode === "production") routeConsoleToLog();
  const { startHub } = await import("./app-server");
  const { printDevWelcome } = await import("./dev-welcome");
  await startHub(env.mode === "development" ? printDevWelcome : undefined);
} catch (error) {
  log.fatal({ err: (error as Error).message }, "hub failed to start");
  process.exit(1);
}
