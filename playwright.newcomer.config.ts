import { defineConfig } from "@playwright/test";
import { launchOptions } from "./e2e/support/browser";

/**
 * The newcomer's path (e2e/newcomer): fresh clones, `npm run dev` and the production path, each
 * test starting its own servers. Kept out of the main run, which serves one prepared build.
 */
export default defineConfig({
  testDir: "./e2e/newcomer",
  timeout: 900_000,
  expect: { timeout: 60_000 },
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  use: { trace: "retain-on-failure", screenshot: "only-on-failure", launchOptions, navigationTimeout: 180_000, actionTimeout: 60_000 },
});
