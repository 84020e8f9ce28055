import { fileURLToPath } from "node:url";
import { build, type Metafile } from "esbuild";
import { describe, expect, it } from "vitest";

// The custom server (start.ts) runs outside Next, without the react-server condition, where
// the `server-only` package throws on import. So no module it reaches may import it: the API's
// Node handler, the periodic jobs, the webhook worker. Next's own modules (app/) are loaded by
// Next, not by this graph. esbuild walks the imports as the process would (packages stay
// external; the `@/` paths resolve through tsconfig).
const root = fileURLToPath(new URL("../..", import.meta.url));

async function serverImportGraph(): Promise<Metafile["inputs"]> {
  const { metafile } = await build({
    entryPoints: ["lib/server/start.ts"],
    absWorkingDir: root,
    bundle: true,
    platform: "node",
    // As `npm run build:server` bundles it (start.ts awaits at its top level).
    format: "esm",
    packages: "external",
    metafile: true,
    write: false,
    logLevel: "silent",
  });
  return metafile.inputs;
}

describe("the custom server's import graph", () => {
  it("reaches no module that imports server-only", async () => {
    const inputs = await serverImportGraph();
    // The walk went deep: the API's router and a periodic job are in it.
    expect(Object.keys(inputs)).toEqual(expect.arrayContaining(["lib/api/http/routes.ts", "lib/tokens/overlap-sweep.ts"]));
    const marked = Object.entries(inputs)
      .filter(([, input]) => input.imports.some((i) => i.path === "server-only"))
      .map(([file]) => file);
    expect(marked).toEqual([]);
  });
});
