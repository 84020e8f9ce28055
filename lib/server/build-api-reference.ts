/**
 * `npm run build:reference` (part of `npm run build`): writes the API reference page and Redoc's
 * bundle to .next/api-reference (or the folder given as the argument), where production serves
 * them from. Runs after `next build`, which empties .next.
 */
import { join } from "node:path";
import { API_REFERENCE_BUILD_DIR, BUNDLE_FILE, PAGE_FILE } from "./api-reference";
import { writeApiReference } from "./api-reference-build";

const dir = process.argv[2] ?? API_REFERENCE_BUILD_DIR;
await writeApiReference(dir);
console.info(`API reference built: ${join(dir, PAGE_FILE)}, ${join(dir, BUNDLE_FILE)}`);
