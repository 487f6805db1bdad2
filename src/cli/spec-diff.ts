/**
 * `npm run spec:diff [-- --base REF] [--format table|markdown|json] [--fail-on breaking]`: what
 * changed in openapi/openapi.yaml since a git ref (default HEAD), classified for code that uses
 * the client (src/spec-diff). Exit 0, or 1 with `--fail-on breaking` when a change is breaking;
 * 2 on a usage error or a ref git cannot show.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { compareSpecs, type SpecChange } from "../spec-diff/compare";
import { parseSpec, SpecLoadError } from "../spec-build/load";
import { defineCommand, UsageError } from "./command";
import { SPEC_PATH } from "./repository";

const FORMATS = ["table", "markdown", "json"] as const;

export const specDiffCommand = defineCommand({
  invocation: "npm run spec:diff --",
  summary: `Compares ${SPEC_PATH} with its version at a git ref and says, change by change, whether it breaks code that uses the client.`,
  options: {
    base: { kind: "text", value: "REF", help: "the git ref to compare with (default HEAD: the uncommitted edit)" },
    format: {
      kind: "choice",
      choices: FORMATS,
      value: "FORMAT",
      help: "table (default), markdown (for a pull-request comment) or json",
    },
    "fail-on": {
      kind: "choice",
      choices: ["breaking"],
      value: "CLASS",
      help: "breaking: exit 1 when any change is breaking (default: never fail)",
    },
  },
  async run({ values }, io) {
    const format = values.format ?? "table";
    const ref = values.base ?? "HEAD";
    if (ref.startsWith("-") || ref.trim() === "")
      throw new UsageError(`--base ${JSON.stringify(ref)} is not a git ref`);

    let root: string;
    let baseText: string;
    try {
      root = git(io.cwd, ["rev-parse", "--show-toplevel"]).trim();
      baseText = git(root, ["show", `${ref}:${SPEC_PATH}`]);
    } catch (error) {
      io.stderr.write(
        `error: git cannot show ${ref}:${SPEC_PATH} from ${io.cwd} (${(error as Error & { stderr?: string }).stderr?.trim() || (error as Error).message})\n`,
      );
      return 2;
    }
    let changes: SpecChange[];
    try {
      const base = parseSpec(`${ref}:${SPEC_PATH}`, baseText);
      const head = parseSpec(SPEC_PATH, readFileSync(join(root, SPEC_PATH), "utf8"));
      changes = compareSpecs(base.doc, head.doc);
    } catch (error) {
      if (!(error instanceof SpecLoadError)) throw error;
      io.stderr.write(`error: ${error.message}\n`);
      return 2;
    }
    io.stdout.write(
      format === "json"
        ? `${JSON.stringify(changes, null, 2)}\n`
        : format === "markdown"
          ? markdown(changes, ref)
          : table(changes, ref),
    );
    return values["fail-on"] === "breaking" && changes.some((c) => c.class === "breaking") ? 1 : 0;
  },
});

function git(cwd: string, args: string[]): string {
  return execFileSync("git", args, {
    cwd,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    maxBuffer: 64 * 1024 * 1024,
  });
}

function summary(changes: readonly SpecChange[], ref: string): string {
  const breaking = changes.filter((c) => c.class === "breaking").length;
  return changes.length === 0
    ? `${SPEC_PATH}: no change that code using the client can see since ${ref}`
    : `${SPEC_PATH} since ${ref}: ${breaking} breaking, ${changes.length - breaking} non-breaking change(s)`;
}

function table(changes: readonly SpecChange[], ref: string): string {
  const rows = changes.map((c) => [c.class, c.rule, c.operation, c.where, c.detail]);
  const header = ["class", "rule", "operation", "where", "detail"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join("  ");
  return `${summary(changes, ref)}\n${changes.length === 0 ? "" : `${[line(header), ...rows.map(line)].join("\n")}\n`}`;
}

function markdown(changes: readonly SpecChange[], ref: string): string {
  const escape = (text: string) => text.replace(/\|/g, "\\|");
  const lines = [`### Spec changes for code using the client`, "", summary(changes, ref), ""];
  if (changes.length > 0) {
    lines.push("| | rule | operation | where | detail |", "|---|---|---|---|---|");
    for (const c of changes)
      lines.push(
        `| ${c.class === "breaking" ? "**breaking**" : "non-breaking"} | \`${c.rule}\` | \`${escape(c.operation)}\` | ${escape(c.where)} | ${escape(c.detail)} |`,
      );
    lines.push("");
  }
  return `${lines.join("\n")}\n`;
}
