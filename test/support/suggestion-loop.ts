/**
 * Run by test/drift/suggestions.test.ts inside a scratch copy of the project whose spec is a
 * suggested one: `npm run gen`, `npm run lint:spec`, then a replay of the recording against the
 * regenerated validators. Prints one JSON line: the three exit codes and the replay's outcome.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { CommandIo } from "../../src/cli/command";
import { genCommand } from "../../src/cli/gen";
import { lintSpecCommand } from "../../src/cli/lint-spec";

async function main(): Promise<void> {
  const [har, out] = process.argv.slice(2) as [string, string];
  let log = "";
  const io: CommandIo = { stdout: { write: (t: string) => (log += t) }, stderr: { write: (t: string) => (log += t) }, env: {}, cwd: process.cwd() };
  const gen = await genCommand.main([], io);
  const lint = await lintSpecCommand.main([], io);
  // Loaded only now, so the replay judges with what gen just wrote (spec-facts was loaded by gen).
  delete require.cache[require.resolve("../../generated/spec-facts")];
  const { driftCommand } = await import("../../src/cli/drift");
  const replay = gen === 0 ? await driftCommand("replay").main(["--replay", har, "--out", out], io) : -1;
  const report = replay >= 0 ? (JSON.parse(readFileSync(join(out, "report.json"), "utf8")) as { outcome: string; findings: Array<{ check: string; pointer: string }> }) : undefined;
  process.stdout.write(`${JSON.stringify({ gen, lint, replay, outcome: report?.outcome, findings: report?.findings.map((f) => `${f.check} ${f.pointer}`), log: gen || lint ? log : undefined })}\n`);
}

void main();
