/** Debian's Chromium where Playwright cannot download its own (PLAYWRIGHT_CHROMIUM_PATH=/usr/bin/chromium). */
export const launchOptions = {
  executablePath: process.env.PLAYWRIGHT_CHROMIUM_PATH || undefined,
  args: ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
};
