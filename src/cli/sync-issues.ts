/**
 * The issue loop (`sip-endpoints-issues`, `npm run sync-issues`): keeps one tracker issue per
 * drift finding from a run's report.json, through GitHub's REST API with the workflow's token.
 * The plan is `planIssues` (src/drift/issues); this command only reads the open issues and
 * applies the plan. Without `--apply` it prints the plan and changes nothing.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { ACKNOWLEDGED_LABEL, planIssues } from "../drift/issues";
import type { DriftReport } from "../drift/types";
import { redactText } from "../redact";
import { defineCommand, UsageError } from "./command";
import { GitHubError, githubTracker, type IssueTracker } from "./github-issues";

const LABEL = { name: "drift", color: "B60205", description: "The live API drifted from the spec" };
const ACKNOWLEDGED = {
  name: ACKNOWLEDGED_LABEL,
  color: "FBCA04",
  description: "Known drift, acknowledged in the drift job's configuration until a date",
};

export type TrackerFactory = (where: { repository: string; token: string; apiUrl?: string }) => IssueTracker;

export function syncIssuesCommand(invocation: string, tracker: TrackerFactory = githubTracker) {
  return defineCommand({
    invocation,
    summary:
      "Opens, refreshes and closes the repository's drift issues (one per finding id) from a run's report.json, through GitHub's REST API.",
    options: {
      report: { kind: "text", value: "FILE", help: "the run's report.json (default drift-report/report.json)" },
      "run-url": {
        kind: "text",
        value: "URL",
        help: "the run's page, named in every issue and comment\n(default: this workflow run's, from GITHUB_SERVER_URL, GITHUB_REPOSITORY, GITHUB_RUN_ID)",
      },
      repo: {
        kind: "text",
        value: "OWNER/NAME",
        help: "the repository whose issues to keep (default GITHUB_REPOSITORY)",
      },
      apply: { kind: "switch", help: "carry the plan out (default: print it only)" },
    },
    epilog: () => `Environment: GITHUB_TOKEN (or GH_TOKEN; in a workflow, with \`permissions: issues: write\`),
GITHUB_REPOSITORY, GITHUB_API_URL (GitHub Enterprise Server), GITHUB_SERVER_URL and GITHUB_RUN_ID.
Exit codes: 0 done (or planned), 2 bad usage or a GitHub call that failed.`,
    async run({ values }, io) {
      const file = resolve(io.cwd, values.report ?? "drift-report/report.json");
      let report: DriftReport;
      try {
        report = JSON.parse(readFileSync(file, "utf8")) as DriftReport;
      } catch (error) {
        throw new UsageError(`cannot read the report ${file}: ${(error as Error).message}`);
      }
      if (report.tool !== "sip-endpoints-drift" || !Array.isArray(report.findings))
        throw new UsageError(`${file} is not a drift report`);
      const token = io.env.GITHUB_TOKEN || io.env.GH_TOKEN;
      if (!token)
        throw new UsageError(
          "needs GITHUB_TOKEN (or GH_TOKEN) in the environment, a token that may read and write the repository's issues",
        );
      const repository = values.repo ?? io.env.GITHUB_REPOSITORY;
      if (!repository || !/^[\w.-]+\/[\w.-]+$/.test(repository))
        throw new UsageError(
          `needs the repository as OWNER/NAME: --repo, or GITHUB_REPOSITORY${repository ? ` (not "${repository}")` : ""}`,
        );
      const { GITHUB_SERVER_URL: server, GITHUB_RUN_ID: runId } = io.env;
      const runUrl =
        values["run-url"] ??
        (server && runId ? `${server}/${repository}/actions/runs/${runId}` : "(run URL not given)");
      const issues = tracker({
        repository,
        token,
        ...(io.env.GITHUB_API_URL ? { apiUrl: io.env.GITHUB_API_URL } : {}),
      });
      try {
        const plan = planIssues(report, await issues.openIssues(LABEL.name), runUrl);
        io.stdout.write(`${JSON.stringify(plan, null, 2)}\n`);
        if (!values.apply) return 0;
        await issues.ensureLabel(LABEL);
        for (const issue of plan.refresh) {
          await issues.edit(issue.number, issue.body);
          await issues.comment(issue.number, issue.comment);
        }
        for (const issue of plan.open)
          await issues.create({ title: issue.title, body: issue.body, labels: [LABEL.name] });
        for (const issue of plan.close) {
          await issues.comment(issue.number, issue.comment);
          await issues.close(issue.number);
        }
        if (plan.label.length > 0) await issues.ensureLabel(ACKNOWLEDGED);
        for (const issue of plan.label) {
          await issues.addLabels(issue.number, [issue.label]);
          await issues.comment(issue.number, issue.comment);
        }
        io.stderr.write(
          `sync-issues: opened ${plan.open.length}, refreshed ${plan.refresh.length}, closed ${plan.close.length}, labelled ${plan.label.length} acknowledged, kept ${plan.keep.length}\n`,
        );
        return 0;
      } catch (error) {
        if (!(error instanceof GitHubError)) throw error;
        io.stderr.write(`error: ${redactText(error.message, [token])}\n`);
        return 2;
      }
    },
  });
}
