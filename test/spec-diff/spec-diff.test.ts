/**
 * `npm run spec:diff`: spec edits made in a scratch git repository, each with the class it has
 * for code that uses the client and the oasdiff rule that names it. The edits are JSON Patches
 * applied to the real spec's text, as `--suggest-spec` applies its own.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { CommandIo } from "../../src/cli/command";
import { ROOT } from "../../src/cli/repository";
import { specDiffCommand } from "../../src/cli/spec-diff";
import { applyPatches } from "../../src/drift/suggested-spec";
import type { SpecChange } from "../../src/spec-diff/compare";

const SPEC = readFileSync(join(ROOT, "openapi", "openapi.yaml"), "utf8");
const SIP = "/components/schemas/SipEndpoint";
const CREATE = "/components/schemas/SipEndpointCreate";
const ITEM = "/paths/~1endpoints~1sip~1{id}";

type Patch = Parameters<typeof applyPatches>[1];

let repo: string;
const git = (...args: string[]) =>
  execFileSync("git", ["-c", "user.name=test", "-c", "user.email=test@example.com", ...args], {
    cwd: repo,
    stdio: "pipe",
    encoding: "utf8",
  });

beforeAll(() => {
  repo = mkdtempSync(join(tmpdir(), "spec-diff-"));
  git("init", "-q");
  mkdirSync(join(repo, "openapi"));
  writeFileSync(join(repo, "openapi", "openapi.yaml"), SPEC);
  git("add", ".");
  git("commit", "-q", "-m", "base");
});
afterAll(() => rmSync(repo, { recursive: true, force: true }));

async function diff(argv: string[], cwd = repo) {
  let stdout = "";
  let stderr = "";
  const io: CommandIo = {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
    env: {},
    cwd,
  };
  const code = await specDiffCommand.main(argv, io);
  return { code, stdout, stderr };
}

async function changesFor(patch: Patch): Promise<SpecChange[]> {
  writeFileSync(join(repo, "openapi", "openapi.yaml"), applyPatches(SPEC, patch));
  const run = await diff(["--format", "json"]);
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as SpecChange[];
}

describe("each edit, classified for code that uses the client", () => {
  const rows: Array<{ edit: string; patch: Patch; expected: "breaking" | "non-breaking" | "none"; rules: string[] }> = [
    {
      edit: "a response field removed",
      patch: [{ op: "remove", path: `${SIP}/properties/send_as` }],
      expected: "breaking",
      rules: ["response-property-removed"],
    },
    {
      edit: "a response field's type changed",
      patch: [{ op: "replace", path: `${SIP}/properties/send_as/type`, value: "integer" }],
      expected: "breaking",
      rules: ["response-property-type-changed"],
    },
    {
      edit: "a response field made nullable",
      patch: [{ op: "replace", path: `${SIP}/properties/send_as/type`, value: ["string", "null"] }],
      expected: "breaking",
      rules: ["response-property-became-nullable"],
    },
    {
      edit: "a response field made optional",
      patch: [{ op: "remove", path: `${SIP}/required/3` }],
      expected: "breaking",
      rules: ["response-property-became-optional"],
    },
    {
      edit: "an enum value added to a response field",
      patch: [{ op: "add", path: "/components/schemas/CallHandler/enum/-", value: "sip_trunk" }],
      expected: "breaking",
      rules: ["response-property-enum-value-added", "request-property-enum-value-added"],
    },
    {
      edit: "a request field made required",
      patch: [{ op: "add", path: `${CREATE}/required/-`, value: "caller_id" }],
      expected: "breaking",
      rules: ["request-property-became-required"],
    },
    {
      edit: "an enum value removed from a request field",
      patch: [{ op: "remove", path: "/components/schemas/Encryption/enum/2" }],
      expected: "breaking",
      rules: ["request-property-enum-value-removed", "response-property-enum-value-removed"],
    },
    {
      edit: "an operation removed",
      patch: [{ op: "remove", path: `${ITEM}/delete` }],
      expected: "breaking",
      rules: ["endpoint-removed"],
    },
    {
      edit: "a success status removed",
      patch: [{ op: "remove", path: `${ITEM}/get/responses/200` }],
      expected: "breaking",
      rules: ["response-success-status-removed"],
    },
    {
      edit: "a query parameter made required",
      patch: [{ op: "add", path: "/components/parameters/page_size/required", value: true }],
      expected: "breaking",
      rules: ["request-parameter-became-required"],
    },
    {
      edit: "an optional response field added",
      patch: [{ op: "add", path: `${SIP}/properties/created_at`, value: { type: "string", format: "date-time" } }],
      expected: "non-breaking",
      rules: ["response-optional-property-added"],
    },
    {
      edit: "a request field made optional",
      patch: [{ op: "remove", path: `${CREATE}/required/1` }],
      expected: "non-breaking",
      rules: ["request-property-became-optional"],
    },
    {
      edit: "an optional request field added",
      patch: [
        { op: "add", path: "/components/schemas/SipEndpointWritable/properties/note", value: { type: "string" } },
      ],
      expected: "non-breaking",
      rules: ["new-optional-request-property"],
    },
    {
      edit: "an error status documented",
      patch: [{ op: "add", path: `${ITEM}/get/responses/418`, value: { description: "teapot" } }],
      expected: "non-breaking",
      rules: ["response-non-success-status-added"],
    },
    {
      edit: "a format dropped from a response field",
      patch: [{ op: "remove", path: `${SIP}/properties/id/format` }],
      expected: "non-breaking",
      rules: ["response-property-format-removed"],
    },
    {
      edit: "only a description changed",
      patch: [{ op: "replace", path: "/info/summary", value: "Another summary." }],
      expected: "none",
      rules: [],
    },
  ];

  it.each(rows)("$edit → $expected", async ({ patch, expected, rules }) => {
    const changes = await changesFor(patch);
    expect([...new Set(changes.map((c) => c.rule))].sort()).toEqual([...rules].sort());
    const worst =
      changes.length === 0 ? "none" : changes.some((c) => c.class === "breaking") ? "breaking" : "non-breaking";
    expect(worst).toBe(expected);
    for (const change of changes) expect(change.operation).toMatch(/^(GET|POST|PUT|DELETE) \/endpoints\/sip/);
  });

  it("names every place a shared schema change reaches: a list item and each single-endpoint answer", async () => {
    const changes = await changesFor([{ op: "remove", path: `${SIP}/properties/send_as` }]);
    expect(changes.map((c) => `${c.operation} ${c.where}`)).toEqual(
      expect.arrayContaining([
        "GET /endpoints/sip response 200 /data[]/send_as",
        "GET /endpoints/sip/{id} response 200 /send_as",
      ]),
    );
  });
});

describe("the command", () => {
  it("--fail-on breaking exits 1 on a breaking change and 0 on a non-breaking one", async () => {
    writeFileSync(
      join(repo, "openapi", "openapi.yaml"),
      applyPatches(SPEC, [{ op: "remove", path: `${SIP}/properties/send_as` }]),
    );
    expect((await diff(["--fail-on", "breaking"])).code).toBe(1);
    writeFileSync(
      join(repo, "openapi", "openapi.yaml"),
      applyPatches(SPEC, [{ op: "remove", path: `${CREATE}/required/1` }]),
    );
    expect((await diff(["--fail-on", "breaking"])).code).toBe(0);
  });

  it("writes a table and, with --format markdown, a pull-request comment", async () => {
    writeFileSync(
      join(repo, "openapi", "openapi.yaml"),
      applyPatches(SPEC, [{ op: "remove", path: `${ITEM}/delete` }]),
    );
    const table = await diff([]);
    expect(table.stdout).toMatch(
      /since HEAD: 1 breaking, 0 non-breaking change\(s\)\nclass +rule +operation +where +detail\nbreaking +endpoint-removed +DELETE \/endpoints\/sip\/\{id\}/,
    );
    const markdown = await diff(["--format", "markdown"]);
    expect(markdown.stdout).toContain("| **breaking** | `endpoint-removed` | `DELETE /endpoints/sip/{id}` |");
  });

  it("compares with any ref given as --base", async () => {
    writeFileSync(
      join(repo, "openapi", "openapi.yaml"),
      applyPatches(SPEC, [{ op: "add", path: `${SIP}/properties/created_at`, value: { type: "string" } }]),
    );
    git("commit", "-q", "-am", "add created_at");
    try {
      expect(JSON.parse((await diff(["--format", "json"])).stdout)).toEqual([]);
      const since = JSON.parse((await diff(["--base", "HEAD~1", "--format", "json"])).stdout) as SpecChange[];
      expect(new Set(since.map((c) => c.rule))).toEqual(new Set(["response-optional-property-added"]));
    } finally {
      git("reset", "-q", "--hard", "HEAD~1");
    }
  });

  it.each([
    [["--base", "no-such-ref"], /git cannot show no-such-ref:openapi\/openapi\.yaml/],
    [["--format", "html"], /--format must be one of table, markdown, json/],
    [["--fail-on", "warning"], /--fail-on must be one of breaking, not "warning"/],
  ])("%j is refused with exit 2", async (argv, message) => {
    const run = await diff(argv);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
  });

  it("refuses to run outside a git repository", async () => {
    const elsewhere = mkdtempSync(join(tmpdir(), "not-a-repo-"));
    try {
      const run = await diff([], elsewhere);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/git cannot show HEAD:openapi\/openapi\.yaml from /);
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });
});
