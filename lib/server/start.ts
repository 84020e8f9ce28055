/** The entry point of `npm run dev` and `npm start`. */
import "./load-env-files"; // first: everything below reads the environment it completes
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { startHub } from "./app-server";
import { printDevWelcome } from "./dev-welcome";

startHub(env.mode === "development" ? printDevWelcome : undefined).catch((error) => {
  log.fatal({ err: (error as Error).message }, "hub failed to start");
  process.exit(1);
});
