/**
 * A newcomer's first run, exactly as the README tells it: `npm install` (reused), then
 * `npm run dev` on a fresh clone in a clean environment; and the README's production path.
 * Each step's time is attached to the test (and printed), for the team's notes.
 */
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { expect, test, type Browser, type Page } from "../support/test";
import { demoAccounts, DEMO_PASSWORD } from "../../lib/demo/demo-accounts";
import { freePort, startProcess, waitForUrl, type AppProcess } from "../../test/app-process";
import { SAVE_WARNING } from "../support/journey";
import { cleanEnv, freshClone, npm, productionCopy, productionDatabase, type FreshClone } from "./fresh-clone";

test.describe.configure({ mode: "serial" });

let clone: FreshClone;
test.beforeAll(() => {
  clone = freshClone();
});
test.afterAll(() => clone?.remove());

const demoUsers = demoAccounts.flatMap((a) => a.users);

function timing(step: string, ms: number) {
  test.info().annotations.push({ type: "timing", description: `${step}: ${(ms / 1000).toFixed(1)} s` });
  console.info(`[newcomer] ${step}: ${(ms / 1000).toFixed(1)} s`);
}

async function timed<T>(step: string, work: () => Promise<T>): Promise<T> {
  const started = Date.now();
  const result = await work();
  timing(step, Date.now() - started);
  return result;
}

async function signIn(browser: Browser, base: string, email: string, password: string): Promise<Page> {
  const page = await (await browser.newContext({ baseURL: base })).newPage();
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  return page;
}

async function expectSignedIn(page: Page) {
  await expect(page.getByRole("heading", { name: "Integrations" })).toBeVisible();
}

/** New API Token → Activity → Save: the secret shown once. */
async function createActivityToken(page: Page, description: string): Promise<string> {
  await page.goto("/manage/integrations/api-tokens/new");
  await page.getByRole("radio", { name: "Activity" }).check();
  await page.getByLabel("Description").fill(description);
  await page.getByLabel("I agree to the terms and conditions").check();
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText(SAVE_WARNING)).toBeVisible();
  return page.getByLabel("Your new API token").inputValue();
}

async function resetToken(page: Page): Promise<string> {
  page.on("dialog", (dialog) => void dialog.accept());
  await page.getByRole("link", { name: "Go to token settings" }).click();
  await page.getByRole("button", { name: "Reset API Token" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Reset API Token" }).click();
  await expect(page.getByText(SAVE_WARNING)).toBeVisible();
  return page.getByLabel("Your new API token").inputValue();
}

async function callUsers(base: string, token: string) {
  return fetch(`${base}/api/v1/users`, { headers: { Authorization: `Bearer ${token}` } });
}

async function stopCleanly(app: AppProcess) {
  const ended = await timed("stop (SIGINT)", () => app.stop("SIGINT", 15_000));
  expect(ended.forced, "the server stops on Ctrl-C without being killed").toBe(false);
}

test("npm run dev on a fresh clone: every demo user signs in, a new token calls the API, nothing secret is printed", async ({ browser }) => {
  test.setTimeout(900_000);
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const secrets: string[] = [];
  let output = "";

  const dev = startProcess("npm", ["run", "dev"], { cwd: clone.dir, env: cleanEnv({ PORT: String(port) }) as NodeJS.ProcessEnv, capture: true });
  try {
    await timed("first npm run dev until /login answers", () => waitForUrl(`${base}/login`, dev.child, 300_000, (s) => s === 200));
    expect.soft(dev.output(), "the first run says where the app is and how to sign in").toContain(`http://localhost:${port}`);
    for (const user of demoUsers) expect.soft(dev.output()).toContain(user.email);

    // Static files never need a session.
    expect.soft((await fetch(`${base}/icon.svg`, { redirect: "manual" })).status, "/icon.svg signed out").toBe(200);

    for (const [index, user] of demoUsers.entries()) {
      const page = await timed(`sign in as ${user.email}${index === 0 ? " (first compile)" : ""}`, async () => {
        const signedIn = await signIn(browser, base, user.email, DEMO_PASSWORD);
        await expectSignedIn(signedIn);
        return signedIn;
      });
      if (user.email === "admin@demo.test") {
        const token = await timed("create an Activity token", () => createActivityToken(page, "Newcomer's first token"));
        secrets.push(token);
        const response = await callUsers(base, token);
        expect(response.status).toBe(200);
        expect(((await response.json()) as { data: unknown[] }).data.length).toBeGreaterThan(0);
        secrets.push(await resetToken(page));
        expect((await callUsers(base, token)).status, "the old secret stops at once").toBe(401);
        expect((await callUsers(base, secrets[1]!)).status).toBe(200);
      }
      await page.context().close();
    }
  } finally {
    output += dev.output();
    await stopCleanly(dev);
  }

  // The operator's first admin, made while the server is stopped (the embedded database belongs
  // to one process), then a second start: its password must never reach the terminal either.
  const created = npm(clone, ["run", "hub", "--", "create-account", "--name", "Log Scan", "--admin-email", "owner@log-scan.test"], cleanEnv());
  const password = /Initial password[^:]*: (\S+)/.exec(created)?.[1];
  expect(password, created).toBeTruthy();
  const again = startProcess("npm", ["run", "dev"], { cwd: clone.dir, env: cleanEnv({ PORT: String(port) }) as NodeJS.ProcessEnv, capture: true });
  try {
    await timed("second npm run dev until /login answers", () => waitForUrl(`${base}/login`, again.child, 300_000, (s) => s === 200));
    const page = await signIn(browser, base, "owner@log-scan.test", password!);
    await expectSignedIn(page);
    const wrong = await signIn(browser, base, "owner@log-scan.test", `${password}x`);
    await expect(wrong.getByText("The email or password is incorrect.")).toBeVisible();
    secrets.push(await createActivityToken(page, "Log scan"));
    secrets.push(await resetToken(page));
    // Closed before the server stops: an open development page keeps calling its hot-reload socket.
    await Promise.all([page.context().close(), wrong.context().close()]);
  } finally {
    output += again.output();
    await stopCleanly(again);
  }

  // The terminal: the welcome may name the public demo password; nothing else may name any.
  const outsideWelcome = output.split("\n").filter((line) => !line.includes("Password for all three"));
  for (const secret of [...secrets, password!]) expect(output.includes(secret), "a secret or password in the dev server's output").toBe(false);
  expect(outsideWelcome.some((line) => line.includes(DEMO_PASSWORD)), "the demo password outside the welcome").toBe(false);
  expect(output).not.toMatch(/"password"\s*:/);
});

test("the README's production path: build, then a production install of the output, migrate, create the first admin, seed, npm start", async ({ browser }) => {
  test.setTimeout(900_000);
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const demoPassword = randomBytes(12).toString("base64url");
  const env = cleanEnv({ AUTH_SECRET: randomBytes(32).toString("base64url"), AUTH_URL: base, PORT: String(port) });
  await timed("npm run build", async () => npm(clone, ["run", "build"], env));
  // What the Dockerfile's runtime stage holds: the build output and `npm ci --omit=dev`.
  const built = await timed("npm ci --omit=dev beside the build output", async () => productionCopy(clone));
  const database = await productionDatabase(built);
  const production = { ...env, ...database.env, NODE_ENV: "production" };
  try {
    expect(existsSync(join(built.dir, "node_modules", "tsx")), "no TypeScript tooling in a production install").toBe(false);
    expect(existsSync(join(built.dir, "node_modules", "typescript")), "no TypeScript tooling in a production install").toBe(false);
    const refused = spawnSync("npm", ["start"], { cwd: built.dir, env: env as NodeJS.ProcessEnv, encoding: "utf8", timeout: 60_000 });
    expect(refused.status, "production refuses the embedded database unless told").not.toBe(0);
    expect(refused.stdout + refused.stderr).toContain("production needs a PostgreSQL server: set DATABASE_URL=");
    await timed("npm run db:migrate", async () => npm(built, ["run", "db:migrate"], production));
    const created = npm(built, ["run", "hub", "--", "create-account", "--name", "Newcomer Co", "--admin-email", "owner@newcomer.test", "--password-stdin"], production, "a-long-chosen-password\n");
    expect(created).toContain("owner@newcomer.test");
    expect(created).not.toContain("a-long-chosen-password");
    await timed("npm run db:seed", async () => npm(built, ["run", "db:seed"], { ...production, HUB_DEMO_PASSWORD: demoPassword }));

    const app = startProcess("npm", ["start"], { cwd: built.dir, env: { ...env, ...database.env } as NodeJS.ProcessEnv, capture: true });
    try {
      await timed("npm start until /login answers", () => waitForUrl(`${base}/login`, app.child, 180_000, (s) => s === 200));
      const owner = await signIn(browser, base, "owner@newcomer.test", "a-long-chosen-password");
      await expectSignedIn(owner);
      const token = await createActivityToken(owner, "Production check");
      expect((await callUsers(base, token)).status, "a new account has no team yet, but the token works").toBe(200);

      const demo = await signIn(browser, base, "admin@demo.test", demoPassword);
      await expectSignedIn(demo);
      const known = await signIn(browser, base, "marketer@demo.test", DEMO_PASSWORD);
      await expect(known.getByText("The email or password is incorrect."), "no well-known password in production").toBeVisible();
      expect(app.output()).not.toContain(DEMO_PASSWORD);
      expect(app.output()).not.toContain(token);
      await Promise.all([owner, demo, known].map((p) => p.context().close()));
    } finally {
      await stopCleanly(app);
    }
  } finally {
    await database.drop();
    built.remove();
  }
});
