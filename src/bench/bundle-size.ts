/**
 * The size of a client-only app as a user bundles it: esbuild, minified, from the built package
 * (`dist/`, rebuilt first), beside the same app on a bare openapi-fetch client. ESM is bundled
 * with code splitting, so what loads at start is told apart from the chunks only validation loads;
 * CJS has no splitting, so its one file holds the lazy chunks too.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build, type Metafile } from "esbuild";
import type { BundleSizeMeasurement } from "./results";

const CLIENT_APP = (entry: string) => `import { createSipEndpointsClient } from ${JSON.stringify(entry)};
const client = createSipEndpointsClient({ baseUrl: "https://example.signalwire.com/api/relay/rest", projectId: "p", apiToken: "t" });
export const first = () => client.list({ page_size: 1 });
`;

const OPENAPI_FETCH_APP = `import createClient from "openapi-fetch";
const client = createClient({ baseUrl: "https://example.signalwire.com/api/relay/rest", headers: { authorization: "Basic cDp0" } });
export const first = () => client.GET("/endpoints/sip", { params: { query: { page_size: 1 } } });
`;

/** Bytes of the entry chunk and of every chunk it imports statically: what loads at start. */
function startupBytes(meta: Metafile, entryOut: string): number {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const imported of meta.outputs[file]?.imports ?? [])
      if (imported.kind === "import-statement") visit(imported.path);
  };
  visit(entryOut);
  return [...seen].reduce((sum, file) => sum + (meta.outputs[file]?.bytes ?? 0), 0);
}

const totalBytes = (meta: Metafile) =>
  Object.entries(meta.outputs).reduce((sum, [file, out]) => sum + (file.endsWith(".map") ? 0 : out.bytes), 0);

export async function measureBundleSize(root: string): Promise<BundleSizeMeasurement> {
  execFileSync("npm", ["run", "-s", "build"], { cwd: root, stdio: "ignore" });
  const dir = mkdtempSync(join(tmpdir(), "sip-bundle-"));
  try {
    const app = join(dir, "client-app.mjs");
    const bare = join(dir, "openapi-fetch-app.mjs");
    writeFileSync(app, CLIENT_APP(join(root, "dist/index.mjs")));
    writeFileSync(bare, OPENAPI_FETCH_APP);
    const common = {
      bundle: true,
      minify: true,
      platform: "node" as const,
      metafile: true,
      write: true,
      logLevel: "silent" as const,
      absWorkingDir: root,
    };
    // `metafile: true` is set above, so esbuild always returns one.
    const esm = (
      await build({ ...common, entryPoints: { app }, format: "esm", splitting: true, outdir: join(dir, "esm") })
    ).metafile!;
    const cjs = (await build({ ...common, entryPoints: { app }, format: "cjs", outdir: join(dir, "cjs") })).metafile!;
    const plain = (
      await build({
        ...common,
        entryPoints: { app: bare },
        format: "esm",
        outdir: join(dir, "bare"),
        nodePaths: [join(root, "node_modules")],
      })
    ).metafile!;
    const entryOut = Object.keys(esm.outputs).find((file) => esm.outputs[file]!.entryPoint !== undefined)!;
    return {
      esm_startup_bytes: startupBytes(esm, entryOut),
      esm_total_bytes: totalBytes(esm),
      cjs_bytes: totalBytes(cjs),
      openapi_fetch_bytes: totalBytes(plain),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
