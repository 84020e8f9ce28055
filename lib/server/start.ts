/** The entry point of `npm run dev` and `npm start`. */
import { log } from "@/lib/log";
import { startHub } from "./hub";

startHub().catch((error) => {
  log.fatal({ err: (error as Error).message }, "hub failed to start");
  process.exit(1);
});
