/**
 * Wall time of `npm run gen`. It runs in a scratch copy of the project, never in the working
 * tree: gen wipes and rewrites generated/, which must not happen under anyone's feet. The copy's
 * output is compared with the committed generated/ as a check that the same work was done.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { npmCommand, runCommand } from "./processes";

/** What `npm run gen` reads: its script, the sources it imports, the spec, and the package files. */
const COPIED = ["package.json", "tsconfig.json", "openapi", "scripts", "src", "generated"];

export async function measureGen(root: string, runs: number, notes: string[]): Promise<{ runs_ms: number[] }> {
  const scratch = mkdtempSync(join(tmpdir(), "sip-bench-gen-"));
  try {
    for (const entry of COPIED) cpSync(join(root, entry), join(scratch, entry), { recursive: true });
    symlinkSync(join(root, "node_modules"), join(scratch, "node_modules"), "dir");
    const [command, args] = npmCommand(["run", "-s", "gen"]);
    const runs_ms: number[] = [];
    for (let i = 0; i < runs; i++) {
      const result = await runCommand(command, args, { cwd: scratch, timeoutMs: 5 * 60_000 });
      if (result.code !== 0)
        throw new Error(`npm run gen failed (exit ${result.code ?? "none"}): ${result.tail.trim().slice(-300)}`);
      runs_ms.push(result.ms);
    }
    const differing = readdirSync(join(root, "generated")).filter(
      (name) =>
        readFileSync(join(root, "generated", name), "utf8") !== readFileSync(join(scratch, "generated", name), "utf8"),
    );
    if (differing.length > 0)
      notes.push(
        `npm run gen wrote files that differ from the committed generated/ (${differing.join(", ")}): is generated/ stale?`,
      );
    return { runs_ms };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
