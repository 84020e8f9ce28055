import { randomBytes } from "node:crypto";
import { defineConfig, devices } from "@playwright/test";
import { launchOptions } from "./e2e/support/browser";
import { scanningPublicKeys } from "./e2e/support/scanning-keys";

const port = Number(process.env.E2E_PORT ?? 3100);
export const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: "./e2e",
  // The newcomer's path runs its own servers: playwright.newcomer.config.ts.
  testIgnore: ["newcomer/**"],
  timeout: 90_000,
  expect: { timeout: 15_000 },
  fullyParallel: true,
  workers: process.env.CI ? 2 : undefined,
  retries: 0,
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions,
  },
  projects: [
    { name: "setup", testMatch: /.*\.setup\.ts/ },
    { name: "chromium", use: { ...devices["Desktop Chrome"] }, dependencies: ["setup"] },
  ],
  webServer: {
    command: `tsx e2e/support/server.ts`,
    // A route that touches the database: "Ready" comes before migrations finish.
    url: `${baseURL}/api/ready`,
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      E2E_PORT: String(port),
      AUTH_SECRET: process.env.AUTH_SECRET ?? randomBytes(32).toString("base64url"),
      NEXT_TELEMETRY_DISABLED: "1",
      SECRET_SCANNING_PUBLIC_KEYS: scanningPublicKeys(),
    },
  },
});
