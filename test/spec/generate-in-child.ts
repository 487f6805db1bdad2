/**
 * Runs `generateArtefacts` in a child process for the gen:check tests. Jest cannot load
 * openapi-typescript (its CommonJS build requires ES-module-only packages), so the tests send
 * specs here on stdin — `[{ file, text }]` — and read the artefacts back as JSON on stdout.
 */
import { execFile } from "node:child_process";
import { resolve } from "node:path";
import type { Artefacts } from "../../src/codegen/generate";

export interface SpecInput {
  /** The path the spec is said to live at (it is not read). */
  file: string;
  text: string;
}

const ROOT = resolve(__dirname, "../..");

export function generateInChild(specs: SpecInput[]): Promise<Artefacts[]> {
  return new Promise((done, fail) => {
    const child = execFile(
      process.execPath,
      ["--import", "tsx", __filename],
      { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) fail(new Error(`generating in a child process failed: ${stderr || error.message}`));
        else done(JSON.parse(stdout) as Artefacts[]);
      },
    );
    child.stdin!.end(JSON.stringify(specs));
  });
}

async function main(): Promise<void> {
  const { generateArtefacts } = await import("../../src/codegen/generate");
  const { parseSpec } = await import("../../src/spec-build/load");
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const specs = JSON.parse(Buffer.concat(chunks).toString("utf8")) as SpecInput[];
  const results: Artefacts[] = [];
  for (const spec of specs) results.push(await generateArtefacts(parseSpec(spec.file, spec.text)));
  process.stdout.write(JSON.stringify(results));
}

if (require.main === module) void main();
