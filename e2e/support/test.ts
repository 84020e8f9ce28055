/**
 * `test` and `expect` for every spec: Playwright's, plus a watch on each browser page the test
 * opens (the default `page` and any context from `browser.newContext()` / `browser.newPage()`),
 * which fails the test at its end if a page printed a console error, warned about hydration, or
 * threw an uncaught error. A React hydration mismatch or a failing client component is caught by
 * the journey that made it.
 *
 * Nothing is allowed by default. A test that provokes a message on purpose names it from
 * `PROVOKED` below: `browserConsole.allow("404 page")`, for that test only.
 *
 * (Fixture callbacks name Playwright's `use` "provide": React's hook lint reads `use` as a hook.)
 */
import { test as base, expect, type BrowserContext, type ConsoleMessage } from "@playwright/test";

export { expect };
export type { APIRequestContext, Browser, BrowserContext, Page } from "@playwright/test";

/**
 * Messages a journey may provoke on purpose, each with why it is no fault of the page. Patterns
 * match the line the fixture reports: `console.error: <text> (<url>:<line>)` or `uncaught <error> on <page>`.
 */
const PROVOKED = {
  // Chromium logs every 4xx document as a console error. Journeys open pages the user may not see
  // (another account's token, a marketer's Access log, a page that does not exist) and check the 404.
  "404 page": [/^console\.error: Failed to load resource: the server responded with a status of 404 \(Not Found\) /],
  // The API reference's check of the markup a reader without JavaScript gets: the test refuses
  // Redoc's bundle, so its load fails and the page's call into it throws.
  "Redoc's bundle refused": [
    /^console\.error: Failed to load resource: net::ERR_FAILED \(\S+\/docs\/api\/redoc\.standalone\.js:\d+\)$/,
    /^uncaught ReferenceError: Redoc is not defined on \S+\/docs\/api$/,
  ],
} satisfies Record<string, RegExp[]>;

export type ProvokedMessage = keyof typeof PROVOKED;

export interface BrowserConsole {
  /** Lets this test's pages print a message it provokes on purpose. */
  allow(name: ProvokedMessage): void;
}

const isHydrationWarning = (text: string) => /hydrat/i.test(text);

function describeMessage(message: ConsoleMessage): string {
  const { url, lineNumber } = message.location();
  return `console.${message.type()}: ${message.text()}${url ? ` (${url}:${lineNumber + 1})` : ""}`;
}

export const test = base.extend<{ browserConsole: BrowserConsole }>({
  browserConsole: [
    async ({ browser }, provide) => {
      const allowed: RegExp[] = [];
      const seen: string[] = [];
      const report = (line: string) => {
        if (!allowed.some((pattern) => pattern.test(line))) seen.push(line);
      };
      const watched = new WeakSet<BrowserContext>();
      const watch = (context: BrowserContext) => {
        if (watched.has(context)) return;
        watched.add(context);
        context.on("console", (message) => {
          const type = message.type();
          const text = message.text();
          const counts = type === "error" || (type === "warning" && isHydrationWarning(text));
          if (counts) report(describeMessage(message));
        });
        context.on("weberror", (webError) => {
          const { name, message } = webError.error();
          const page = webError.page();
          report(`uncaught ${name}: ${message}${page ? ` on ${page.url()}` : ""}`);
        });
      };
      // Automatic fixtures come first, so the default context (behind `page`) and every other one
      // opens after this line; any already open is watched as well.
      browser.contexts().forEach(watch);
      browser.on("context", watch);
      try {
        await provide({ allow: (name) => void allowed.push(...PROVOKED[name]) });
      } finally {
        browser.off("context", watch);
      }
      expect(seen, "the browser printed an error or a hydration warning, or threw").toEqual([]);
    },
    { auto: true },
  ],
});
