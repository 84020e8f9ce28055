/**
 * Builds /docs/api: the OpenAPI document rendered by Redoc into one static page, at build time
 * (`npm run build:reference`, part of `npm run build`), so production installs neither Redoc nor its
 * peers (mobx, core-js, styled-components, yaml): they are devDependencies. In development
 * lib/server/api-reference.ts renders the same page in memory on the first request instead.
 * Redoc and React's server renderer load only when a page is built.
 *
 * Redoc renders on the server (React's renderToString and styled-components' style sheet), so
 * the whole reference reads without JavaScript. The page then loads Redoc's own standalone
 * bundle from this origin, which renders the same reference over it (sticky menu, tabs,
 * expanding schemas). It renders rather than hydrates: the bundle carries React 18, whose markup
 * differs from React 19's in details (generated ids), and hydration would fail noisily. Its two
 * scripts carry NONCE_PLACEHOLDER, which the server replaces with each response's CSP nonce.
 * Redoc's search is off because it runs in a blob: worker, which the policy refuses.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { openApiDocument } from "@/lib/api/reference/openapi";
import { log } from "@/lib/log";
import { API_REFERENCE_BUILD_DIR, BUNDLE_FILE, BUNDLE_PATH, NONCE_PLACEHOLDER, PAGE_FILE, type BuiltReference } from "./api-reference";

const require = createRequire(import.meta.url);

// Colours chosen for WCAG AA contrast on Redoc's white and dark panels (its defaults fail axe).
// primary.light is the "additional property" label's text (the profile lookup's body, one field
// named per token) and, nearly transparent, a chip's background: Redoc's lightened default fails.
const options = {
  disableSearch: true,
  hideDownloadButton: false,
  expandResponses: "200",
  jsonSampleExpandLevel: 3,
  theme: {
    colors: { primary: { main: "#1d4ed8", light: "#1d4ed8" }, success: { main: "#15803d" }, error: { main: "#b91c1c" }, text: { primary: "#0f172a", secondary: "#334155" } },
    typography: { fontFamily: "ui-sans-serif, system-ui, sans-serif", headings: { fontFamily: "ui-sans-serif, system-ui, sans-serif" }, code: { fontFamily: "ui-monospace, monospace" } },
  },
};

// The bundle's menu shows Redocly's logo from their CDN, which the policy (and an offline
// install) refuses: it points at an empty image instead, and the attribution text stays.
const REDOCLY_LOGO = "https://cdn.redoc.ly/redoc/logo-mini.svg";
const EMPTY_IMAGE = "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg'/%3E";

function standaloneBundle(): string {
  const source = readFileSync(require.resolve("redoc/bundles/redoc.standalone.js"), "utf8");
  if (!source.includes(REDOCLY_LOGO)) log.warn("redoc's bundle no longer loads its logo from the CDN: check the API reference's CSP");
  return source.replaceAll(REDOCLY_LOGO, EMPTY_IMAGE);
}

type Rendered = { body: string; styles: string };

async function render(): Promise<Rendered> {
  const [{ renderToString }, { createElement }, { ServerStyleSheet }, redoc] = await Promise.all([
    import("react-dom/server"),
    import("react"),
    import("styled-components"),
    import("redoc"),
  ]);
  // A CommonJS bundle: under Node's ESM loader its exports arrive as the default export.
  const { createStore, Redoc } = redoc.default ?? redoc;
  const warn = console.warn;
  console.warn = samplerNotesToLog(warn);
  const sheet = new ServerStyleSheet();
  try {
    // A plain copy: Redoc annotates the spec object it is given.
    const store = await createStore(structuredClone(openApiDocument), "/api/v1/openapi.json", options);
    const body = renderToString(sheet.collectStyles(createElement(Redoc, { store })));
    return { body, styles: sheet.getStyleTags() };
  } finally {
    sheet.seal();
    console.warn = warn;
  }
}

/**
 * Redoc's sample generator prints a console note for each schema it can only approximate (the
 * report bodies' anyOf); the examples are what readers see, so those notes go to the log at
 * debug instead of the terminal. Any other warning passes through.
 */
const samplerNotesToLog =
  (warn: typeof console.warn) =>
  (...args: unknown[]) => {
    if (typeof args[0] === "string" && args[0].startsWith("OpenAPI Sampler:")) log.debug({ note: args[0] }, "api reference sample approximated");
    else warn(...args);
  };

// JSON inside <script type="application/json">: nothing in it may close the element.
const scriptSafe = (json: string) => json.replace(/</g, "\\u003c");

// Redoc titles an operation's sub-parts ("Authorizations:", "Response Schema:") with h5 right
// under its h2 and h3: they get level 3 for assistive technology, in the server's markup and in
// whatever Redoc renders in the browser (an attribute React leaves alone).
const H5_LEVEL = 'aria-level="3"';
const headingLevels = (markup: string) => markup.replace(/<h5(?=[\s>])/g, `<h5 ${H5_LEVEL}`);
const HEADING_SCRIPT = `new MutationObserver(function(){document.querySelectorAll("#redoc h5:not([aria-level])").forEach(function(h){h.setAttribute("aria-level","3")})}).observe(document.getElementById("redoc"),{childList:true,subtree:true});`;

// Error codes never wrap mid-word: Redoc's code style lets a word break anywhere, which split
// `payload_too_large` over three lines in the error table's narrow first column. In a table cell
// (the error table's codes and headers, a schema's enum values) a line breaks only at a space or
// a hyphen; the column grows to the longest word instead, and the table scrolls sideways when the
// window is narrower than that.
const PAGE_STYLE = `body{margin:0}#redoc td code,#redoc td span{word-break:keep-all;overflow-wrap:normal}`;

/** The page, with NONCE_PLACEHOLDER where each response's nonce goes. */
function page({ body, styles }: Rendered): string {
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Hub API reference</title><link rel="icon" href="/icon.svg">
<style>${PAGE_STYLE}</style>${styles}
</head><body>
<main id="redoc">${headingLevels(body)}</main>
<script type="application/json" id="redoc-spec">${scriptSafe(JSON.stringify(openApiDocument))}</script>
<script nonce="${NONCE_PLACEHOLDER}" src="${BUNDLE_PATH}"></script>
<script nonce="${NONCE_PLACEHOLDER}">${HEADING_SCRIPT}Redoc.init(JSON.parse(document.getElementById("redoc-spec").textContent), ${JSON.stringify(options)}, document.getElementById("redoc"));</script>
</body></html>`;
}

/** The page (its nonces as NONCE_PLACEHOLDER) and Redoc's bundle, ready to serve. */
export async function buildApiReference(): Promise<BuiltReference> {
  const html = page(await render());
  const nonces = html.split(NONCE_PLACEHOLDER).length - 1;
  if (nonces !== 2) throw new Error(`the API reference should have 2 nonce placeholders, has ${nonces}`);
  return { page: html, bundle: standaloneBundle() };
}

/** Writes the page and the bundle to `dir`. */
export async function writeApiReference(dir: string = API_REFERENCE_BUILD_DIR): Promise<void> {
  const built = await buildApiReference();
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, PAGE_FILE), built.page);
  writeFileSync(join(dir, BUNDLE_FILE), built.bundle);
}

