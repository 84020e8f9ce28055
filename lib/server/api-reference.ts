/**
 * /docs/api: the OpenAPI document rendered by Redoc, public like any API reference.
 *
 * Redoc renders on the server (React's renderToString and styled-components' style sheet), once
 * per process, so the whole reference reads without JavaScript. The page then loads Redoc's own
 * standalone bundle from this origin, which renders the same reference over it (sticky menu,
 * tabs, expanding schemas). It renders rather than hydrates: the bundle carries React 18, whose
 * markup differs from React 19's in details (generated ids), and hydration would fail noisily.
 * Scripts carry the response's CSP nonce; Redoc's search is off because it runs in a blob:
 * worker, which the policy refuses.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { IncomingMessage, ServerResponse } from "node:http";
import { openApiDocument } from "@/lib/api/reference/openapi";
import { API_REFERENCE_PATH } from "@/lib/api/reference/reference-links";
import { log } from "@/lib/log";

const BUNDLE_PATH = `${API_REFERENCE_PATH}/redoc.standalone.js`;
const require = createRequire(import.meta.url);

// Colours chosen for WCAG AA contrast on Redoc's white and dark panels (its defaults fail axe).
const options = {
  disableSearch: true,
  hideDownloadButton: false,
  expandResponses: "200",
  jsonSampleExpandLevel: 3,
  theme: {
    colors: { primary: { main: "#1d4ed8" }, success: { main: "#15803d" }, error: { main: "#b91c1c" }, text: { primary: "#0f172a", secondary: "#334155" } },
    typography: { fontFamily: "ui-sans-serif, system-ui, sans-serif", headings: { fontFamily: "ui-sans-serif, system-ui, sans-serif" }, code: { fontFamily: "ui-monospace, monospace" } },
  },
};

// The bundle's menu shows Redocly's logo from their CDN, which the policy (and an offline
// install) refuses: it points at an empty image instead, and the attribution text stays.
const REDOCLY_LOGO = "https://cdn.redoc.ly/redoc/logo-mini.svg";
const EMPTY_IMAGE = "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg'/%3E";
let bundle: string | undefined;

function standaloneBundle(): string {
  if (bundle) return bundle;
  const source = readFileSync(require.resolve("redoc/bundles/redoc.standalone.js"), "utf8");
  if (!source.includes(REDOCLY_LOGO)) log.warn("redoc's bundle no longer loads its logo from the CDN: check the API reference's CSP");
  bundle = source.replaceAll(REDOCLY_LOGO, EMPTY_IMAGE);
  return bundle;
}

type Rendered = { body: string; styles: string };
/** The page around its two nonces: everything but the nonce is built once per process. */
let pageParts: Promise<string[]> | undefined;

/** Redoc and React's server renderer load on the first request only: the API's process never pays for them otherwise. */
async function render(): Promise<Rendered> {
  const [{ renderToString }, { createElement }, { ServerStyleSheet }, redoc] = await Promise.all([
    import("react-dom/server"),
    import("react"),
    import("styled-components"),
    import("redoc"),
  ]);
  // A CommonJS bundle: under Node's ESM loader its exports arrive as the default export.
  const { createStore, Redoc } = redoc.default ?? redoc;
  // A plain copy: Redoc annotates the spec object it is given.
  const warn = console.warn;
  console.warn = samplerNotesToLog(warn);
  const sheet = new ServerStyleSheet();
  try {
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

function renderOnce(): Promise<string[]> {
  pageParts ??= render()
    .then(page)
    .catch((error: unknown) => {
      pageParts = undefined;
      throw error;
    });
  return pageParts;
}

// JSON inside <script type="application/json">: nothing in it may close the element.
const scriptSafe = (json: string) => json.replace(/</g, "\\u003c");

// Redoc titles an operation's sub-parts ("Authorizations:", "Response Schema:") with h5 right
// under its h2 and h3: they get level 3 for assistive technology, in the server's markup and in
// whatever Redoc renders in the browser (an attribute React leaves alone).
const H5_LEVEL = 'aria-level="3"';
const headingLevels = (markup: string) => markup.replace(/<h5(?=[\s>])/g, `<h5 ${H5_LEVEL}`);
const HEADING_SCRIPT = `new MutationObserver(function(){document.querySelectorAll("#redoc h5:not([aria-level])").forEach(function(h){h.setAttribute("aria-level","3")})}).observe(document.getElementById("redoc"),{childList:true,subtree:true});`;

/**
 * The page, split where each response's nonce goes: the spec's JSON (escaped), the markup
 * (with its heading levels) and the options are serialised here, once, never per request.
 */
function page({ body, styles }: Rendered): string[] {
  return [
    `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Hub API reference</title><link rel="icon" href="/icon.svg">
<style>body{margin:0}</style>${styles}
</head><body>
<main id="redoc">${headingLevels(body)}</main>
<script type="application/json" id="redoc-spec">${scriptSafe(JSON.stringify(openApiDocument))}</script>
<script nonce="`,
    `" src="${BUNDLE_PATH}"></script>
<script nonce="`,
    `">${HEADING_SCRIPT}Redoc.init(JSON.parse(document.getElementById("redoc-spec").textContent), ${JSON.stringify(options)}, document.getElementById("redoc"));</script>
</body></html>`,
  ];
}

/** The whole page for one response, its scripts under that response's nonce. */
export const renderApiReferencePage = async (nonce: string) => (await renderOnce()).join(nonce);

/** Answers /docs/api and Redoc's bundle; false for any other path (Next.js takes it). */
export function handleApiReference(req: IncomingMessage, res: ServerResponse, nonce: string): boolean {
  const path = (req.url ?? "").split("?")[0];
  if (path !== API_REFERENCE_PATH && path !== `${API_REFERENCE_PATH}/` && path !== BUNDLE_PATH) return false;
  if (req.method !== "GET" && req.method !== "HEAD") {
    res.writeHead(405, { Allow: "GET, HEAD" }).end();
    return true;
  }
  if (path === BUNDLE_PATH) {
    res.writeHead(200, { "Content-Type": "text/javascript; charset=utf-8", "Cache-Control": "public, max-age=86400" });
    res.end(req.method === "HEAD" ? undefined : standaloneBundle());
    return true;
  }
  renderApiReferencePage(nonce).then(
    (html) => {
      res.writeHead(200, { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-cache" });
      res.end(req.method === "HEAD" ? undefined : html);
    },
    (error: unknown) => {
      log.error({ err: error }, "api reference failed to render");
      res.writeHead(500, { "Content-Type": "text/plain; charset=utf-8" }).end("The API reference could not be rendered.");
    },
  );
  return true;
}
