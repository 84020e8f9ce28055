import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { openApiDocument } from "@/lib/api/reference/openapi";
import { API_TAGS, apiReferenceHref, tagAnchor } from "@/lib/api/reference/reference-links";
import { TOKEN_TYPES } from "@/lib/tokens/types";
import { loadBuiltReference, NONCE_PLACEHOLDER, renderApiReferencePage } from "./api-reference";
import { buildApiReference, writeApiReference } from "./api-reference-build";

// The server-rendered page is what a reader without JavaScript gets, and where the console's
// links land: its anchors and headings must be there before any script runs.
describe("the API reference page", async () => {
  const html = await renderApiReferencePage("TEST-NONCE");
  const ids = new Set([...html.matchAll(/\bid="([^"]+)"/g)].map((m) => m[1]));
  const text = (markup: string) => markup.replace(/<!--[\s\S]*?-->|<[^>]+>/g, "").replace(/&#x27;/g, "'").trim();
  const h2s = new Set([...html.matchAll(/<h2\b[^>]*>([\s\S]*?)<\/h2>/g)].map((m) => text(m[1]!)));

  it.each(TOKEN_TYPES)("has the section the console links %s tokens to", (type) => {
    const anchor = apiReferenceHref(type).split("#")[1]!;
    expect(ids.has(anchor), anchor).toBe(true);
  });

  it("has every section and every operation's heading", () => {
    for (const tag of Object.values(API_TAGS)) expect(ids.has(tagAnchor(tag)), tag).toBe(true);
    for (const methods of Object.values(openApiDocument.paths)) {
      for (const operation of Object.values(methods) as Array<{ summary: string }>) expect(h2s.has(operation.summary), operation.summary).toBe(true);
    }
  });

  it("shows the error table and examples without running a script", () => {
    expect(ids.has("section/Errors")).toBe(true);
    expect(html).toContain("rate_limited");
    expect(html).toContain("jane.remington@demo-retail.test");
  });

  it("keeps an error code in a table cell on one line", () => {
    expect(html).toMatch(/#redoc td code,#redoc td span\{word-break:keep-all;overflow-wrap:normal\}/);
  });

  it("runs scripts only under the response's nonce, and never inline data as script", () => {
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    for (const tag of scripts) expect(tag.includes('nonce="TEST-NONCE"') || tag.includes('type="application/json"'), tag).toBe(true);
    const data = /<script type="application\/json" id="redoc-spec">([\s\S]*?)<\/script>/.exec(html)![1]!;
    expect(data).not.toContain("<");
  });

  it("is built once: a later response only puts its own nonce in, never re-serialising the document", async () => {
    const expected = html.replaceAll("TEST-NONCE", "OTHER-NONCE");
    const stringify = vi.spyOn(JSON, "stringify");
    try {
      expect(await renderApiReferencePage("OTHER-NONCE")).toBe(expected);
      expect(stringify.mock.calls.filter(([value]) => value === openApiDocument)).toEqual([]);
    } finally {
      stringify.mockRestore();
    }
  });
});

// Production serves what `npm run build:reference` wrote; development builds the same page in memory.
describe("the built API reference", () => {
  it("is the page development serves, with a placeholder where each response's nonce goes", async () => {
    const dir = mkdtempSync(join(tmpdir(), "api-reference-"));
    try {
      await writeApiReference(dir);
      const built = await loadBuiltReference(dir);
      expect(built.page.split(NONCE_PLACEHOLDER)).toHaveLength(3);
      expect(built.page.replaceAll(NONCE_PLACEHOLDER, "N")).toBe(await renderApiReferencePage("N"));
      expect(built.bundle).toBe((await buildApiReference()).bundle);
      expect(built.bundle).not.toContain("https://cdn.redoc.ly/");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("names the command to run when it is missing", async () => {
    await expect(loadBuiltReference(join(tmpdir(), "no-such-api-reference"))).rejects.toThrow(/npm run build/);
  });
});
