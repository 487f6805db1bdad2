/**
 * Run by test/drift/suggestions.test.ts, once for all its cases. Each argument names a scratch
 * copy of the project whose spec is a suggested one and which holds the recording
 * (`exchanges.har`): in each, `npm run gen`, `npm run lint:spec`, then a replay of the recording
 * against the regenerated validators. Each copy's modules are its own files, so loading one
 * copy's drift command after its gen sees that copy's new `generated/`. Prints one JSON line per
 * copy: the three exit codes and the replay's outcome.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { CommandIo } from "../../src/cli/command";

async function loop(root: string): Promise<object> {
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
  // gen loaded the copy's old spec-facts; everything else of the copy loads only now.
  delete require.cache[require.resolve(join(root, "generated/spec-facts"))];
  const { driftCommand } = (await import(join(root, "src/cli/drift"))) as typeof import("../../src/cli/drift");
  const out = join(root, "replay");
  const replay =
    gen === 0 ? await driftCommand("replay").main(["--replay", join(root, "exchanges.har"), "--out", out], io) : -1;
  const report =
    replay >= 0
      ? (JSON.parse(readFileSync(join(out, "report.json"), "utf8")) as {
          outcome: string;
          findings: Array<{ check: string; pointer: string }>;
        })
      : undefined;
  return {
    gen,
    lint,
    replay,
    outcome: report?.outcome,
    findings: report?.findings.map((f) => `${f.check} ${f.pointer}`),
    log: gen || lint ? log : undefined,
  };
}

async function main(): Promise<void> {
  for (const root of process.argv.slice(2)) process.stdout.write(`${JSON.stringify(await loop(root))}\n`);
}

void main();
