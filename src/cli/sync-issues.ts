/**
 * `npm run sync-issues`: keeps one tracker issue per drift finding with the GitHub CLI (`gh`),
 * from a run's report.json. The plan is `planIssues` (src/drift/issues); this command only reads
 * the open issues and applies the plan. Without `--apply` it prints the plan and changes nothing.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { planIssues, type OpenIssue } from "../drift/issues";
import type { DriftReport } from "../drift/types";
import { defineCommand, UsageError } from "./command";

const LABEL = "drift";

export type Gh = (args: string[]) => string;

const realGh: Gh = (args) => execFileSync("gh", args, { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });

export function syncIssuesCommand(gh: Gh = realGh) {
  return defineCommand({
    invocation: "npm run sync-issues --",
    summary: "Opens, refreshes and closes the tracker's drift issues (one per finding id) from a run's report.json, with the GitHub CLI.",
    options: {
      report: { type: "string", value: "FILE", help: "the run's report.json (default drift-report/report.json)" },
      "run-url": { type: "string", value: "URL", help: "the run's page, named in every issue and comment" },
      apply: { type: "boolean", help: "carry the plan out (default: print it only)" },
    },
    async run({ values }, io) {
      const file = resolve(io.cwd, values.report ?? "drift-report/report.json");
      let report: DriftReport;
      try {
        report = JSON.parse(readFileSync(file, "utf8")) as DriftReport;
      } catch (error) {
        throw new UsageError(`cannot read the report ${file}: ${(error as Error).message}`);
      }
      if (report.tool !== "sip-endpoints-drift" || !Array.isArray(report.findings)) throw new UsageError(`${file} is not a drift report`);
      const runUrl = values["run-url"] ?? "(run URL not given)";
      const open = JSON.parse(gh(["issue", "list", "--label", LABEL, "--state", "open", "--limit", "1000", "--json", "number,body"])) as OpenIssue[];
      const plan = planIssues(report, open, runUrl);
      io.stdout.write(`${JSON.stringify(plan, null, 2)}\n`);
      if (!values.apply) return 0;
      gh(["label", "create", LABEL, "--color", "B60205", "--description", "The live API drifted from the spec", "--force"]);
      for (const issue of plan.refresh) {
        gh(["issue", "edit", String(issue.number), "--body", issue.body]);
        gh(["issue", "comment", String(issue.number), "--body", issue.comment]);
      }
      for (const issue of plan.open) gh(["issue", "create", "--title", issue.title, "--label", LABEL, "--body", issue.body]);
      for (const issue of plan.close) gh(["issue", "close", String(issue.number), "--comment", issue.comment]);
      io.stderr.write(`sync-issues: opened ${plan.open.length}, refreshed ${plan.refresh.length}, closed ${plan.close.length}, kept ${plan.keep.length}\n`);
      return 0;
    },
  });
}
