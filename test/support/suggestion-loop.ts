/**
 * Run by test/drift/suggestions.test.ts. The first argument names a scratch copy of the project
 * whose spec is a suggested one; the others, recordings (HAR). In the copy, `npm run gen` and
 * `npm run lint:spec`, then a replay of each recording against the regenerated validators. The
 * copy's modules are its own files, so loading its drift command after its gen sees its new
 * `generated/`. Prints one JSON line with the two exit codes, then one per recording: the replay's
 * exit code, outcome and findings.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { CommandIo } from "../../src/cli/command";

async function main(root: string, recordings: string[]): Promise<void> {
  let log = "";
  const io: CommandIo = {
    stdout: { write: (t: string) => (log += t) },
    stderr: { write: (t: string) => (log += t) },
    env: {},
    cwd: root,
  };
  const { genCommand } = (await import(join(root, "src/cli/gen"))) as typeof import("../../src/cli/gen");
  const { lintSpecCommand } = (await import(
    join(root, "src/cli/lint-spec")
  )) as typeof import("../../src/cli/lint-spec");
  const gen = await genCommand.main([], io);
  const lint = await lintSpecCommand.main([], io);
  process.stdout.write(`${JSON.stringify({ gen, lint, log: gen || lint ? log : undefined })}\n`);
  if (gen !== 0) return;
  // gen loaded the copy's old spec-facts; everything else of the copy loads only now.
  delete require.cache[require.resolve(join(root, "generated/spec-facts"))];
  const { driftCommand } = (await import(join(root, "src/cli/drift"))) as typeof import("../../src/cli/drift");
  for (const [i, recording] of recordings.entries()) {
    const out = join(root, `replay-${i}`);
    const replay = await driftCommand("replay").main(["--replay", recording, "--out", out], io);
    const report = JSON.parse(readFileSync(join(out, "report.json"), "utf8")) as {
      outcome: string;
      findings: Array<{ check: string; pointer: string }>;
    };
    const findings = report.findings.map((f) => `${f.check} ${f.pointer}`);
    process.stdout.write(`${JSON.stringify({ replay, outcome: report.outcome, findings })}\n`);
  }
}

const [root, ...recordings] = process.argv.slice(2);
void main(root!, recordings);
