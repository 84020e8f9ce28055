/**
 * /docs/api: the OpenAPI document rendered by Redoc, public like any API reference.
 *
 * The page is built ahead of time (lib/server/api-reference-build.ts, `npm run build:reference` within
 * `npm run build`): production reads it from API_REFERENCE_BUILD_DIR on the first request and
 * never loads Redoc, which is only a devDependency. Development (and tests) build it in memory
 * on the first request instead, so `npm run dev` needs no build step and shows the document as
 * it is now. Either way it is read or built once per process; a response only puts its own CSP
 * nonce on the page's two scripts.
 */
import { readFile } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import { join } from "node:path";
import { API_REFERENCE_PATH } from "@/lib/api/reference/reference-links";
import { env } from "@/lib/env";
import { describeError } from "@/lib/error-log";
import { log } from "@/lib/log";

/** Where the build writes the page: inside Next.js's build output, which production ships. */
export const API_REFERENCE_BUILD_DIR = join(".next", "api-reference");
export const PAGE_FILE = "index.html";
export const BUNDLE_FILE = "redoc.standalone.js";
/** Redoc's standalone bundle, served from this origin under the page's nonce. */
export const BUNDLE_PATH = `${API_REFERENCE_PATH}/${BUNDLE_FILE}`;
/** Stands in the built page where each response's nonce goes (twice: the bundle and the start script). */
export const NONCE_PLACEHOLDER = "__HUB_CSP_NONCE__";

/** The page, its nonces as NONCE_PLACEHOLDER, and Redoc's bundle. */
export type BuiltReference = { page: string; bundle: string };

/** The page and the bundle as `npm run build:reference` wrote them to `dir`. */
export async function loadBuiltReference(dir: string = API_REFERENCE_BUILD_DIR): Promise<BuiltReference> {
  try {
    const [page, bundle] = await Promise.all([readFile(join(dir, PAGE_FILE), "utf8"), readFile(join(dir, BUNDLE_FILE), "utf8")]);
    return { page, bundle };
  } catch (error) {
    throw new Error(`The API reference was not built (no ${join(dir, PAGE_FILE)}): run \`npm run build\`, or \`npm run build:reference\` after \`next build\``, { cause: error });
  }
}

/** The page split where each response's nonce goes, and the bundle as sent. */
type Served = { parts: string[]; bundle: Buffer };
let served: Promise<Served> | undefined;

/** Production reads the build; development builds in memory (Redoc loads only then). */
const source = (): Promise<BuiltReference> => (env.dev ? import("./api-reference-build").then((build) => build.buildApiReference()) : loadBuiltReference());

function loadOnce(): Promise<Served> {
  served ??= source()
    .then(({ page, bundle }) => ({ parts: page.split(NONCE_PLACEHOLDER), bundle: Buffer.from(bundle) }))
    .catch((error: unknown) => {
      served = undefined;
      throw error;
    });
  return served;
}

/** The whole page for one response, its scripts under that response's nonce. */
export const renderApiReferencePage = async (nonce: string) => (await loadOnce()).parts.join(nonce);

function fail(res: ServerResponse, error: unknown) {
  log.error({ error: describeError(error) }, "api reference unavailable");
  res.writeHead(500, { "Content-Type": "text/plain; charset=utf-8" }).end("The API reference could not be rendered.");
}

/** Answers /docs/api and Redoc's bundle; false for any other path (Next.js takes it). */
export function handleApiReference(req: IncomingMessage, res: ServerResponse, nonce: string): boolean {
  const path = (req.url ?? "").split("?")[0];
  if (path !== API_REFERENCE_PATH && path !== `${API_REFERENCE_PATH}/` && path !== BUNDLE_PATH) return false;
  if (req.method !== "GET" && req.method !== "HEAD") {
    res.writeHead(405, { Allow: "GET, HEAD" }).end();
    return true;
  }
  const head = req.method === "HEAD";
  if (path === BUNDLE_PATH) {
    loadOnce().then(({ bundle }) => {
      res.writeHead(200, { "Content-Type": "text/javascript; charset=utf-8", "Cache-Control": "public, max-age=86400" });
      res.end(head ? undefined : bundle);
    }, (error: unknown) => fail(res, error));
    return true;
  }
  renderApiReferencePage(nonce).then(
    (html) => {
      res.writeHead(200, { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-cache" });
      res.end(head ? undefined : html);
    },
    (error: unknown) => fail(res, error),
  );
  return true;
}
