/**
 * One issue per finding id: what to open, refresh, close or keep after a run, as data, and the
 * command that applies it through GitHub's REST API.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { CommandIo } from "../../src/cli/command";
import { syncIssuesCommand } from "../../src/cli/sync-issues";
import { issueBody, planIssues } from "../../src/drift/issues";
import type { DriftFinding, DriftReport } from "../../src/drift";
import { aFinding, driftReport } from "./report-fixture";
import { startGitHubStandIn, type GitHubStandIn } from "../support/github-stand-in";

const RUN = "https://ci.example.test/runs/7";

const finding = (id: string, over: Partial<DriftFinding> = {}): DriftFinding => ({
  ...aFinding({ id, pointer: "/data/0/created_at" }),
  occurrences: 3,
  step: "walk",
  ...over,
});

function report(over: Partial<DriftReport> = {}): DriftReport {
  return driftReport({
    target: { kind: "live", baseUrl: "https://example.signalwire.com/api/relay/rest", mode: "read-only" },
    evaluated: [
      { check: "field-undocumented", operationId: "list_sip_endpoints" },
      { check: "field-undocumented", operationId: "retrieve_sip_endpoint" },
    ],
    ...over,
  });
}

const issueFor = (number: number, f: DriftFinding) => ({
  number,
  body: issueBody(f, "https://ci.example.test/runs/1"),
});

describe("planIssues", () => {
  it("opens an issue for a new finding at or above --fail-on, and none for one below it", () => {
    const plan = planIssues(
      report({ findings: [finding("aaaa"), finding("bbbb", { severity: "info", check: "status-code-alternative" })] }),
      [],
      RUN,
    );
    expect(plan.open.map((o) => o.findingId)).toEqual(["aaaa"]);
    expect(plan.open[0]!.title).toBe("Drift: field-undocumented on list_sip_endpoints at /data/0/created_at");
    expect(plan.open[0]!.body).toContain(
      "<!-- drift-finding:aaaa -->\n<!-- drift-check:field-undocumented list_sip_endpoints -->",
    );
    expect(plan.open[0]!.body).toContain(`Last seen: ${RUN}`);
    expect(planIssues(report({ failOn: "breaking", findings: [finding("aaaa")] }), [], RUN).open).toEqual([]);
  });

  it("refreshes and comments on the issue of a finding seen again", () => {
    const plan = planIssues(
      report({ findings: [finding("aaaa", { occurrences: 9 })] }),
      [issueFor(12, finding("aaaa"))],
      RUN,
    );
    expect(plan.open).toEqual([]);
    expect(plan.refresh).toEqual([
      {
        number: 12,
        findingId: "aaaa",
        body: expect.stringContaining("| occurrences in the last run | 9 |"),
        comment: `Still seen in ${RUN} (9 occurrences).`,
      },
    ]);
  });

  it("closes an issue a conclusive run no longer sees, when it evaluated that check on that operation", () => {
    const plan = planIssues(report({ outcome: "pass", findings: [] }), [issueFor(12, finding("aaaa"))], RUN);
    expect(plan.close).toEqual([
      { number: 12, findingId: "aaaa", comment: expect.stringContaining(`Not seen in ${RUN}`) },
    ]);
  });

  it.each([
    {
      given: "the check was not evaluated (a read-only night after a read-write find)",
      issue: finding("cccc", { check: "update-not-applied", operationId: "update_sip_endpoint" }),
      over: {},
      reason: "update-not-applied was not evaluated on update_sip_endpoint in this run",
    },
    {
      given: "the run was inconclusive",
      issue: finding("aaaa"),
      over: { outcome: "inconclusive" as const },
      reason: "the run was inconclusive",
    },
    {
      given: "the finding is still seen but below --fail-on",
      issue: finding("aaaa"),
      over: { failOn: "breaking" as const, findings: [finding("aaaa")] },
      reason: "still seen, below --fail-on breaking",
    },
  ])("keeps an open issue when $given", ({ issue, over, reason }) => {
    const plan = planIssues(report({ outcome: "pass", ...over }), [issueFor(5, issue)], RUN);
    expect(plan.close).toEqual([]);
    expect(plan.keep).toEqual([{ number: 5, findingId: issue.id, reason }]);
  });

  it("leaves issues that are not the drift job's alone, and keeps one without a check marker", () => {
    const plan = planIssues(
      report({ outcome: "pass" }),
      [
        { number: 1, body: "a human's issue" },
        { number: 2, body: "<!-- drift-finding:dddd -->\nold format" },
      ],
      RUN,
    );
    expect(plan).toEqual({
      open: [],
      refresh: [],
      close: [],
      label: [],
      keep: [{ number: 2, findingId: "dddd", reason: "the issue does not say which check found it" }],
    });
  });
});

describe("issueBody", () => {
  it("shows what the server sent as text: HTML is escaped, and nothing can pass for the markers", () => {
    const key = "<!-- drift-finding:ffffffffffffffff --><img src=https://tracker.example/p.png>";
    const f = finding("1234567890abcdef", {
      pointer: "/data/0/a|b\nc",
      message: `undocumented key "${key}" at /data/0`,
    });
    const body = issueBody(f, "https://ci.example.test/runs/1");
    expect(body).not.toMatch(/<img|<!-- drift-finding:f/);
    expect(body.split("\n").slice(0, 3)).toEqual([
      "<!-- drift-finding:1234567890abcdef -->",
      "<!-- drift-check:field-undocumented list_sip_endpoints -->",
      'undocumented key "&lt;!-- drift-finding:ffffffffffffffff --&gt;&lt;img src=https://tracker.example/p.png&gt;" at /data/0',
    ]);
    expect(body).toContain("| pointer (first) | `/data/0/a\\|b c` |");
    expect(planIssues(report({ findings: [f] }), [{ number: 9, body }], RUN).refresh.map((r) => r.findingId)).toEqual([
      "1234567890abcdef",
    ]);
  });

  it("names the whole body when the pointer is empty, in the body and in the title", () => {
    const whole = finding("1234567890abcdef", { pointer: "", check: "status-code-undocumented", status: 418 });
    expect(issueBody(whole, RUN)).toContain("| pointer (first) | (whole body) |");
    expect(planIssues(report({ findings: [whole] }), [], RUN).open[0]!.title).toBe(
      "Drift: status-code-undocumented on list_sip_endpoints at (whole body)",
    );
  });

  it("is the markers, the message, a table of the facts, and the run that last saw it", () => {
    expect(issueBody(finding("1234567890abcdef", { status: null, severity: "breaking" }), RUN).split("\n")).toEqual([
      "<!-- drift-finding:1234567890abcdef -->",
      "<!-- drift-check:field-undocumented list_sip_endpoints -->",
      "undocumented key",
      "",
      "| | |",
      "|---|---|",
      "| check | `field-undocumented` (breaking) |",
      "| operation | `list_sip_endpoints` GET `/endpoints/sip` |",
      "| status |  |",
      "| pointer (first) | `/data/0/created_at` |",
      "| expected | no such key |",
      "| actual | key present (string) |",
      "| occurrences in the last run | 3 |",
      "| finding id | `1234567890abcdef` |",
      "",
      `Last seen: ${RUN}`,
    ]);
  });

  it("a refresh comment counts one occurrence in the singular", () => {
    const plan = planIssues(
      report({ findings: [finding("aaaa", { occurrences: 1 })] }),
      [issueFor(12, finding("aaaa"))],
      RUN,
    );
    expect(plan.refresh[0]!.comment).toBe(`Still seen in ${RUN} (1 occurrence).`);
  });
});

describe("the issue loop against GitHub's REST API (a stand-in on 127.0.0.1)", () => {
  const TOKEN = "ghs_canaryToken0123456789abcdef";
  const dir = mkdtempSync(join(tmpdir(), "sync-issues-"));
  let github: GitHubStandIn;
  let apiUrl: string;

  beforeAll(async () => {
    github = await startGitHubStandIn();
    apiUrl = github.apiUrl;
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await github.close();
  });
  beforeEach(() => {
    github.received.length = 0;
    github.failWith = undefined;
    github.failMessage = `Resource not accessible by integration (${TOKEN})`;
  });
  const received = () => github.received;

  const io = (
    env: Record<string, string> = { GITHUB_TOKEN: TOKEN, GITHUB_REPOSITORY: "acme/app", GITHUB_API_URL: apiUrl },
  ): { io: CommandIo; out: { stdout: string; stderr: string } } => {
    const out = { stdout: "", stderr: "" };
    return {
      out,
      io: {
        stdout: { write: (t: string) => (out.stdout += t) },
        stderr: { write: (t: string) => (out.stderr += t) },
        env,
        cwd: dir,
      },
    };
  };
  const command = syncIssuesCommand("sip-endpoints-issues");

  it("reads the open issues, prints the plan, and with --apply carries it out with the token", async () => {
    writeFileSync(
      join(dir, "report.json"),
      JSON.stringify(report({ findings: [finding("aaaa"), finding("eeee", { pointer: "/data/1/x" })] })),
    );
    github.listed = [
      issueFor(3, finding("aaaa")),
      issueFor(4, finding("ffff", { operationId: "retrieve_sip_endpoint" })),
      { ...issueFor(5, finding("aaaa")), pull_request: {} },
    ];
    const dry = io();
    expect(await command.main(["--report", "report.json", "--run-url", RUN], dry.io)).toBe(0);
    expect(received().map((r) => `${r.method} ${r.path}`)).toEqual([
      "GET /repos/acme/app/issues?state=open&labels=drift&per_page=100&page=1",
    ]);
    expect(JSON.parse(dry.out.stdout)).toMatchObject({
      open: [{ findingId: "eeee" }],
      refresh: [{ number: 3 }],
      close: [{ number: 4 }],
    });

    github.received.length = 0;
    const applied = io();
    expect(await command.main(["--report", "report.json", "--run-url", RUN, "--apply"], applied.io)).toBe(0);
    expect(received().map((r) => `${r.method} ${r.path}`)).toEqual([
      "GET /repos/acme/app/issues?state=open&labels=drift&per_page=100&page=1",
      "POST /repos/acme/app/labels",
      "PATCH /repos/acme/app/issues/3",
      "POST /repos/acme/app/issues/3/comments",
      "POST /repos/acme/app/issues",
      "POST /repos/acme/app/issues/4/comments",
      "PATCH /repos/acme/app/issues/4",
    ]);
    expect(received().every((r) => r.authorization === `Bearer ${TOKEN}`)).toBe(true);
    expect(received()[4]!.body).toMatchObject({
      labels: ["drift"],
      body: expect.stringContaining("<!-- drift-finding:eeee -->"),
    });
    expect(received()[6]!.body).toEqual({ state: "closed", state_reason: "completed" });
    expect(applied.out.stderr).toContain("opened 1, refreshed 1, closed 1, labelled 0 acknowledged, kept 0");
    expect(applied.out.stdout + applied.out.stderr).not.toContain(TOKEN);
  });

  it("labels and comments the issue of an acknowledged finding, and closes nothing", async () => {
    const acknowledged = {
      ...finding("aaaa"),
      acknowledged: { reason: "ticket 12", until: "2099-12-31", expired: false },
    };
    writeFileSync(
      join(dir, "report.json"),
      JSON.stringify(
        report({
          findings: [acknowledged],
          acknowledgements: [{ finding: "aaaa", reason: "ticket 12", until: "2099-12-31", status: "active" }],
        }),
      ),
    );
    github.listed = [issueFor(3, finding("aaaa"))];
    const applied = io();
    expect(await command.main(["--report", "report.json", "--run-url", RUN, "--apply"], applied.io)).toBe(0);
    expect(received().map((r) => `${r.method} ${r.path}`)).toEqual([
      "GET /repos/acme/app/issues?state=open&labels=drift&per_page=100&page=1",
      "POST /repos/acme/app/labels",
      "POST /repos/acme/app/labels",
      "POST /repos/acme/app/issues/3/labels",
      "POST /repos/acme/app/issues/3/comments",
    ]);
    expect(received()[3]!.body).toEqual({ labels: ["drift-acknowledged"] });
    expect(applied.out.stderr).toContain("opened 0, refreshed 0, closed 0, labelled 1 acknowledged, kept 0");
  });

  it("reads every page of open issues", async () => {
    writeFileSync(join(dir, "report.json"), JSON.stringify(report()));
    github.listed = Array.from({ length: 100 }, (_, i) => ({ number: i + 1, body: "not ours" }));
    expect(await command.main(["--report", "report.json"], io().io)).toBe(0);
    expect(received().map((r) => new URL(r.path, "http://x").searchParams.get("page"))).toEqual(["1", "2"]);
  });

  it("names this workflow run when no --run-url is given", async () => {
    writeFileSync(join(dir, "report.json"), JSON.stringify(report({ findings: [finding("eeee")] })));
    github.listed = [];
    const run = io({
      GITHUB_TOKEN: TOKEN,
      GITHUB_REPOSITORY: "acme/app",
      GITHUB_API_URL: apiUrl,
      GITHUB_SERVER_URL: "https://github.example",
      GITHUB_RUN_ID: "99",
    });
    expect(await command.main(["--report", "report.json"], run.io)).toBe(0);
    expect(JSON.parse(run.out.stdout).open[0].body).toContain(
      "Last seen: https://github.example/acme/app/actions/runs/99",
    );
  });

  it("a call GitHub refuses is exit 2, naming the call and status, never the token", async () => {
    writeFileSync(join(dir, "report.json"), JSON.stringify(report()));
    github.failWith = 403;
    const run = io();
    expect(await command.main(["--report", "report.json", "--apply"], run.io)).toBe(2);
    expect(run.out.stderr).toContain(
      "error: GET /repos/acme/app/issues?state=open&labels=drift&per_page=100&page=1 answered 403: Resource not accessible by integration",
    );
    expect(run.out.stderr).not.toContain(TOKEN);
  });

  it.each([
    [
      "a file that is not a drift report",
      { file: "other.json", text: JSON.stringify({ hello: 1 }) },
      {},
      "is not a drift report",
    ],
    [
      "no token",
      { file: "report.json", text: JSON.stringify(report()) },
      { GITHUB_REPOSITORY: "acme/app" },
      "needs GITHUB_TOKEN (or GH_TOKEN)",
    ],
    [
      "no repository",
      { file: "report.json", text: JSON.stringify(report()) },
      { GH_TOKEN: TOKEN },
      "needs the repository as OWNER/NAME",
    ],
  ])("refuses %s before asking GitHub anything", async (_name, { file, text }, env, message) => {
    writeFileSync(join(dir, file), text);
    const run = io(env as Record<string, string>);
    expect(await command.main(["--report", file], run.io)).toBe(2);
    expect(run.out.stderr).toContain(message);
    expect(received()).toEqual([]);
  });
});
